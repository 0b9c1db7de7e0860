/*
 * lex.c - the shell's tokenizer: text -> words, operators and here-document bodies.
 *
 * A word runs until unquoted blank space or an operator character (| & ; < > ( ) newline).
 * Inside '...' nothing is special; inside "..." only \, $ and ` are; a backslash outside
 * quotes protects the next character; $(...), ${...} and `...` are part of the word up to
 * their matching close, whatever they hold (nested quotes and substitutions included).
 * Quotes and backslashes stay in the word (expand.c removes them, and must know what was
 * quoted).  Operators: | || & && ; ;; ( ) newline, and the redirections [n]< [n]> [n]>>
 * [n]>& [n]<& [n]<< [n]<<- where n is a word of digits right before the operator.  A '#'
 * at the start of a word begins a comment up to the end of the line.
 * A here-document's body is the lines after the next newline, up to a line that is its
 * WORD (quotes removed; with <<- leading tabs are removed from the body and that line); a
 * quoted WORD means the body is taken literally.  An open quote or substitution, a
 * trailing backslash, a trailing | && || or a body without its end line asks for more.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct lexer {
	const char *p;          /* next character */
	const char *start;      /* where the token being scanned starts */
	struct token *toks;
	int n;
	int cap;
	int pending;            /* here-documents whose bodies follow the next newline */
};

static struct token *
add_token(struct lexer *lx, enum tok_type type, char *text, int fd, enum redir_op op)
{
	struct token *t;

	if (lx->n == lx->cap) {
		t = line_alloc(sizeof(*t) * (size_t)(lx->cap * 2 + 16));
		if (lx->n > 0)
			memcpy(t, lx->toks, sizeof(*t) * (size_t)lx->n);
		lx->toks = t;
		lx->cap = lx->cap * 2 + 16;
	}
	t = &lx->toks[lx->n++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->text = text;
	t->redir_fd = fd;
	t->redir_op = op;
	t->start = lx->start;
	t->end = lx->p;
	return t;
}

static int
is_operator_char(int c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '\n' ||
	       c == '(' || c == ')';
}

/* p at an opening quote q: just after the closing one, or NULL if the text ends. */
static const char *
skip_quote(const char *p, char q)
{
	for (p++; *p != '\0' && *p != q; p++) {
		if (q == '"' && *p == '\\' && p[1] != '\0')
			p++;
		else if (q == '"' && *p == '$' && (p[1] == '(' || p[1] == '{')) {
			if ((p = skip_nested(p + 2, p[1] == '(' ? ')' : '}')) == NULL)
				return NULL;
			p--;
		} else if (q == '"' && *p == '`') {
			if ((p = skip_nested(p + 1, '`')) == NULL)
				return NULL;
			p--;
		}
	}
	return *p == q ? p + 1 : NULL;
}

const char *
skip_nested(const char *p, char close)
{
	int depth = 0;

	while (*p != '\0') {
		if (*p == close && depth == 0)
			return p + 1;
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			p += 2;
		} else if (close == '`') {
			p++;
		} else if (*p == '\'' || *p == '"') {
			if ((p = skip_quote(p, *p)) == NULL)
				return NULL;
		} else if (*p == '$' && (p[1] == '(' || p[1] == '{')) {
			if ((p = skip_nested(p + 2, p[1] == '(' ? ')' : '}')) == NULL)
				return NULL;
		} else if (*p == '`') {
			if ((p = skip_nested(p + 1, '`')) == NULL)
				return NULL;
		} else {
			if (close == ')' && *p == '(')
				depth++;
			else if (close == ')' && *p == ')')
				depth--;
			p++;
		}
	}
	return NULL;
}

/* Scan a word from lx->p; LEX_MORE if a quote is open or it ends with a backslash. */
static int
scan_word(struct lexer *lx)
{
	const char *start = lx->p, *p = lx->p;
	char *text;

	while (*p != '\0' && *p != ' ' && *p != '\t' && !is_operator_char(*p)) {
		if (*p == '\\') {
			if (p[1] == '\0')
				return LEX_MORE;
			p += 2;
		} else if (*p == '\'' || *p == '"') {
			p = skip_quote(p, *p);
		} else if (*p == '$' && (p[1] == '(' || p[1] == '{')) {
			p = skip_nested(p + 2, p[1] == '(' ? ')' : '}');
		} else if (*p == '`') {
			p = skip_nested(p + 1, '`');
		} else {
			p++;
		}
		if (p == NULL)
			return LEX_MORE;
	}
	text = line_alloc((size_t)(p - start) + 1);
	memcpy(text, start, (size_t)(p - start));
	text[p - start] = '\0';
	lx->p = p;
	add_token(lx, T_WORD, text, 0, R_IN);
	return 0;
}

/* Scan a redirection operator at lx->p, with descriptor fd (-1: the default). */
static void
scan_redir(struct lexer *lx, int fd)
{
	const char *p = lx->p;
	enum redir_op op;
	int strip = 0;

	if (p[0] == '<' && p[1] == '<') {
		op = R_HEREDOC;
		strip = p[2] == '-';
		p += 2 + strip;
		lx->pending++;
	} else if (*p == '<') {
		op = p[1] == '&' ? R_DUPIN : R_IN;
		p += p[1] == '&' ? 2 : 1;
	} else if (p[1] == '>') {
		op = R_APPEND;
		p += 2;
	} else if (p[1] == '&') {
		op = R_DUPOUT;
		p += 2;
	} else {
		op = R_OUT;
		p++;
	}
	if (fd < 0)
		fd = (op == R_IN || op == R_DUPIN || op == R_HEREDOC) ? 0 : 1;
	lx->p = p;
	add_token(lx, T_REDIR, NULL, fd, op)->heredoc_strip = strip;
}

/* Scan the operator at lx->p. */
static void
scan_operator(struct lexer *lx)
{
	const char *p = lx->p;
	static const struct { const char *s; enum tok_type t; } ops[] = {
		{ "&&", T_AND }, { "||", T_OR }, { ";;", T_DSEMI }, { "|", T_PIPE },
		{ "&", T_AMP }, { "(", T_LPAREN }, { ")", T_RPAREN }, { ";", T_SEMI },
	};

	if (*p == '<' || *p == '>') {
		scan_redir(lx, -1);
		return;
	}
	if (*p == '\n') {
		lx->p++;
		if (lx->n == 0 || (lx->toks[lx->n - 1].type != T_PIPE &&
		    lx->toks[lx->n - 1].type != T_AND && lx->toks[lx->n - 1].type != T_OR))
			add_token(lx, T_SEMI, NULL, 0, R_IN);   /* a line ending in | && || goes on */
		return;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(p, ops[i].s, strlen(ops[i].s)) == 0) {
			lx->p += strlen(ops[i].s);
			add_token(lx, ops[i].t, NULL, 0, R_IN);
			return;
		}
}

/* At lx->p: digits directly followed by < or >?  Then the descriptor number, else -1. */
static int
io_number(struct lexer *lx)
{
	const char *p = lx->p;
	int fd = 0;

	while (isdigit((unsigned char)*p) && fd < 1000)
		fd = fd * 10 + (*p++ - '0');
	if (p == lx->p || (*p != '<' && *p != '>'))
		return -1;
	lx->p = p;
	return fd;
}

/* The here-document delimiter of raw word w, quotes removed; *quoted if it had any. */
static char *
heredoc_word(const char *w, int *quoted)
{
	char *d = line_alloc(strlen(w) + 1), *o = d;

	*quoted = 0;
	for (; *w != '\0'; w++) {
		if (*w == '\'' || *w == '"') {
			*quoted = 1;
		} else if (*w == '\\' && w[1] != '\0') {
			*quoted = 1;
			*o++ = *++w;
		} else {
			*o++ = *w;
		}
	}
	*o = '\0';
	return d;
}

/* Read the body of here-document token t from lx->p: 0, or LEX_MORE if its end line
 * has not come yet. */
static int
read_heredoc(struct lexer *lx, struct token *t)
{
	const char *word = heredoc_word(t[1].text, &t->heredoc_quoted), *p = lx->p, *eol;
	size_t wlen = strlen(word), len = 0;
	char *body = line_alloc(strlen(p) + 1);

	for (;; p = eol + 1) {
		if (t->heredoc_strip)
			while (*p == '\t')
				p++;
		eol = strchr(p, '\n');
		if (eol == NULL && strcmp(p, word) != 0)
			return LEX_MORE;
		if ((eol == NULL || (size_t)(eol - p) == wlen) && strncmp(p, word, wlen) == 0)
			break;
		memcpy(body + len, p, (size_t)(eol - p) + 1);
		len += (size_t)(eol - p) + 1;
	}
	body[len] = '\0';
	t->heredoc = body;
	lx->p = eol != NULL ? eol + 1 : p + wlen;
	return 0;
}

/* After a newline: read the bodies of the here-documents of the line, in order. */
static int
read_heredocs(struct lexer *lx)
{
	for (int i = 0; i < lx->n && lx->pending > 0; i++) {
		struct token *t = &lx->toks[i];

		if (t->type != T_REDIR || t->redir_op != R_HEREDOC || t->heredoc != NULL)
			continue;
		if (i + 1 >= lx->n || t[1].type != T_WORD)
			return 0;       /* the parser reports the missing word */
		if (read_heredoc(lx, t) != 0)
			return LEX_MORE;
		lx->pending--;
	}
	return 0;
}

int
lex_line(const char *line, struct token **toks, int *ntok)
{
	struct lexer lx = { line, line, NULL, 0, 0, 0 };
	int fd;

	for (;;) {
		while (*lx.p == ' ' || *lx.p == '\t')
			lx.p++;
		lx.start = lx.p;
		if (*lx.p == '\0')
			break;
		if (*lx.p == '#') {
			while (*lx.p != '\0' && *lx.p != '\n')
				lx.p++;
		} else if ((fd = io_number(&lx)) >= 0) {
			scan_redir(&lx, fd);
		} else if (is_operator_char(*lx.p)) {
			if (*lx.p == '\n' && lx.pending > 0) {
				lx.p++;
				add_token(&lx, T_SEMI, NULL, 0, R_IN);
				if (read_heredocs(&lx) != 0)
					return LEX_MORE;
			} else {
				scan_operator(&lx);
			}
		} else if (scan_word(&lx) == LEX_MORE) {
			return LEX_MORE;
		}
	}
	if (lx.pending > 0 || (lx.n > 0 && (lx.toks[lx.n - 1].type == T_PIPE ||
	    lx.toks[lx.n - 1].type == T_AND || lx.toks[lx.n - 1].type == T_OR)))
		return LEX_MORE;
	add_token(&lx, T_END, NULL, 0, R_IN);
	*toks = lx.toks;
	*ntok = lx.n;
	return 0;
}

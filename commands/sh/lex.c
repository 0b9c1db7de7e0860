/*
 * lex.c - the shell's tokenizer: a line of text -> words and operators.
 *
 * A word runs until unquoted blank space or an operator character (| & ; < > newline).
 * Inside '...' nothing is special; inside "..." only \ and $ are; a backslash outside
 * quotes protects the next character.  Quotes and backslashes stay in the word (they are
 * removed by expand.c, which must know what was quoted).  Operators: | || & && ; newline,
 * and the redirections [n]< [n]> [n]>> [n]>& [n]<& where n is a word of digits right before
 * the operator.  A '#' at the start of a word begins a comment up to the end of the line.
 * An open quote, a trailing backslash or a trailing | && || asks for another line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct lexer {
	const char *p;          /* next character */
	struct token *toks;
	int n;
	int cap;
};

static void
add_token(struct lexer *lx, enum tok_type type, char *text, int fd, enum redir_op op)
{
	if (lx->n == lx->cap) {
		struct token *t = line_alloc(sizeof(*t) * (size_t)(lx->cap * 2 + 16));

		if (lx->n > 0)
			memcpy(t, lx->toks, sizeof(*t) * (size_t)lx->n);
		lx->toks = t;
		lx->cap = lx->cap * 2 + 16;
	}
	lx->toks[lx->n].type = type;
	lx->toks[lx->n].text = text;
	lx->toks[lx->n].redir_fd = fd;
	lx->toks[lx->n].redir_op = op;
	lx->n++;
}

static int
is_operator_char(int c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '\n';
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
			char q = *p++;

			while (*p != '\0' && *p != q) {
				if (q == '"' && *p == '\\' && p[1] != '\0')
					p++;
				p++;
			}
			if (*p == '\0')
				return LEX_MORE;
			p++;
		} else {
			p++;
		}
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

	if (*p == '<') {
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
		fd = (op == R_IN || op == R_DUPIN) ? 0 : 1;
	lx->p = p;
	add_token(lx, T_REDIR, NULL, fd, op);
}

/* Scan the operator at lx->p. */
static void
scan_operator(struct lexer *lx)
{
	const char *p = lx->p;

	if (*p == '<' || *p == '>') {
		scan_redir(lx, -1);
		return;
	}
	if (p[0] == '&' && p[1] == '&')
		add_token(lx, T_AND, NULL, 0, R_IN), lx->p += 2;
	else if (p[0] == '|' && p[1] == '|')
		add_token(lx, T_OR, NULL, 0, R_IN), lx->p += 2;
	else if (*p == '|')
		add_token(lx, T_PIPE, NULL, 0, R_IN), lx->p++;
	else if (*p == '&')
		add_token(lx, T_AMP, NULL, 0, R_IN), lx->p++;
	else if (*p == '\n' && lx->n > 0 && (lx->toks[lx->n - 1].type == T_PIPE ||
	         lx->toks[lx->n - 1].type == T_AND || lx->toks[lx->n - 1].type == T_OR))
		lx->p++;        /* a line ending in | && || goes on on the next one */
	else
		add_token(lx, T_SEMI, NULL, 0, R_IN), lx->p++;
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

int
lex_line(const char *line, struct token **toks, int *ntok)
{
	struct lexer lx = { line, NULL, 0, 0 };
	int fd;

	for (;;) {
		while (*lx.p == ' ' || *lx.p == '\t')
			lx.p++;
		if (*lx.p == '\0')
			break;
		if (*lx.p == '#') {
			while (*lx.p != '\0' && *lx.p != '\n')
				lx.p++;
		} else if ((fd = io_number(&lx)) >= 0) {
			scan_redir(&lx, fd);
		} else if (is_operator_char(*lx.p)) {
			scan_operator(&lx);
		} else if (scan_word(&lx) == LEX_MORE) {
			return LEX_MORE;
		}
	}
	if (lx.n > 0 && (lx.toks[lx.n - 1].type == T_PIPE || lx.toks[lx.n - 1].type == T_AND ||
	                 lx.toks[lx.n - 1].type == T_OR))
		return LEX_MORE;
	add_token(&lx, T_END, NULL, 0, R_IN);
	*toks = lx.toks;
	*ntok = lx.n;
	return 0;
}

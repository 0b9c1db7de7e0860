/*
 * parse.c - the shell's parser: tokens -> a list of and-or lists of pipelines of commands
 * (sh.h), and the per-line memory everything parsed lives in.
 *
 * Grammar (POSIX sh without aliases; handouts/shell.md, "The language"):
 *   list      := andor ((';' | '&' | newline) andor)* [';' | '&']
 *   andor     := pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline  := ['!'] command ('|' newline* command)*
 *   command   := simple | compound redirection* | NAME '(' ')' newline* compound
 *   simple    := (word | redirection)+
 *   compound  := 'if' list 'then' list ('elif' list 'then' list)* ['else' list] 'fi'
 *              | ('while' | 'until') list 'do' list 'done'
 *              | 'for' NAME [newline* 'in' word*] (';' | newline) newline* 'do' list 'done'
 *              | 'case' word newline* 'in' newline* (item)* 'esac'
 *              | '{' list '}' | '(' list ')'
 *   item      := ['('] word ('|' word)* ')' list [';;'] newline*
 *   redirection := [n]< word | [n]> word | [n]>> word | [n]>& word | [n]<& word
 *              | [n]<< word | [n]<<- word
 * Reserved words (if then elif else fi do done case esac while until for in { } !) count
 * only unquoted and where a command starts.  Errors name the unexpected token:
 * "sh: syntax error near '|'"; tokens that end inside a command ask for more lines.
 */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* ---- line memory: every allocation of a line, freed at once ---- */
struct chunk {
	struct chunk *next;
	long long align;        /* keeps the data aligned */
};
static struct chunk *chunks;

void *
line_alloc(size_t size)
{
	struct chunk *c = malloc(sizeof(*c) + size);

	if (c == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	c->next = chunks;
	chunks = c;
	memset(c + 1, 0, size);
	return c + 1;
}

char *
line_strdup(const char *s)
{
	char *d = line_alloc(strlen(s) + 1);

	strcpy(d, s);
	return d;
}

void *
line_mark(void)
{
	return chunks;
}

void
line_free_to(void *mark)
{
	while (chunks != NULL && chunks != mark) {
		struct chunk *next = chunks->next;

		free(chunks);
		chunks = next;
	}
}

void
line_free_all(void)
{
	line_free_to(NULL);
}

/* ---- the parser ---- */
struct parser {
	struct token *t;        /* next token */
	int more;               /* the tokens ended inside a command */
};

static const char *
token_name(const struct token *t)
{
	static const char *names[] = { "word", "|", "&&", "||", ";", "&", "redirection",
	                               "end of line", "(", ")", ";;" };

	return t->type == T_WORD ? t->text : names[t->type];
}

static int
syntax_error(struct parser *ps, const struct token *t)
{
	if (ps->more != 0)
		return -1;
	if (t->type == T_END) {
		ps->more = 1;
		return -1;
	}
	sh_error("syntax error near '%s'", token_name(t));
	ps->more = -1;
	return -1;
}

int
is_word(const struct token *t, const char *r)
{
	return t->type == T_WORD && strcmp(t->text, r) == 0;
}

/* Does a list stop at t (a reserved word that closes or continues a compound)? */
static int
ends_list(const struct token *t)
{
	static const char *const stops[] = { "then", "elif", "else", "fi", "do", "done",
	                                     "esac", "}" };

	if (t->type == T_END || t->type == T_RPAREN || t->type == T_DSEMI)
		return 1;
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		if (is_word(t, stops[i]))
			return 1;
	return 0;
}

/* A copy of the array arr of n elements of size sz with room for two more (zeroed: a
 * word list stays NULL-terminated). */
static void *
grow(void *arr, int n, size_t sz)
{
	void *a = line_alloc(sz * (size_t)(n + 2));

	if (n > 0)
		memcpy(a, arr, sz * (size_t)n);
	return a;
}

static void
skip_newlines(struct parser *ps)
{
	while (ps->t->type == T_SEMI && *ps->t->start == '\n')
		ps->t++;
}

/* Expect the reserved word r. */
static int
expect(struct parser *ps, const char *r)
{
	if (!is_word(ps->t, r))
		return syntax_error(ps, ps->t);
	ps->t++;
	return 0;
}

static int parse_list(struct parser *ps, struct cmdlist **listp);
static int parse_command(struct parser *ps, struct command *c);

/* A redirection at ps->t into c. */
static int
parse_redir(struct parser *ps, struct command *c)
{
	struct redir *r;

	if (ps->t[1].type != T_WORD)
		return syntax_error(ps, &ps->t[1]);
	c->redirs = grow(c->redirs, c->nredirs, sizeof(struct redir));
	r = &c->redirs[c->nredirs++];
	r->fd = ps->t->redir_fd;
	r->op = ps->t->redir_op;
	r->word = ps->t->redir_op == R_HEREDOC ? ps->t->heredoc : ps->t[1].text;
	r->quoted = ps->t->heredoc_quoted;
	if (r->word == NULL)
		return syntax_error(ps, &ps->t[2]);
	ps->t += 2;
	return 0;
}

/* simple := (word | redirection)+ */
static int
parse_simple(struct parser *ps, struct command *c)
{
	for (;;) {
		if (ps->t->type == T_WORD) {
			c->words = grow(c->words, c->nwords, sizeof(char *));
			c->words[c->nwords++] = ps->t->text;
			ps->t++;
		} else if (ps->t->type == T_REDIR) {
			if (parse_redir(ps, c) != 0)
				return -1;
		} else {
			break;
		}
	}
	if (c->nwords == 0 && c->nredirs == 0)
		return syntax_error(ps, ps->t);
	return 0;
}

/* 'if' list 'then' list ('elif' ... | 'else' list)? 'fi' (ps->t after 'if' or 'elif') */
static int
parse_if(struct parser *ps, struct command *c)
{
	c->kind = C_IF;
	if (parse_list(ps, &c->cond) != 0 || expect(ps, "then") != 0 ||
	    parse_list(ps, &c->body) != 0)
		return -1;
	if (is_word(ps->t, "elif")) {
		struct command *e;

		ps->t++;
		c->other = line_alloc(sizeof(struct cmdlist));
		c->other->items = line_alloc(sizeof(struct andor));
		c->other->n = 1;
		c->other->items[0].npls = 1;
		c->other->items[0].text = "elif";
		c->other->items[0].pls = line_alloc(sizeof(struct pipeline));
		c->other->items[0].pls[0].ncmds = 1;
		c->other->items[0].pls[0].cmds = e = line_alloc(sizeof(struct command));
		return parse_if(ps, e);         /* it reads the 'fi' */
	}
	if (is_word(ps->t, "else")) {
		ps->t++;
		if (parse_list(ps, &c->other) != 0)
			return -1;
	}
	return expect(ps, "fi");
}

/* 'for' NAME [in word*] ; do list done (ps->t after 'for') */
static int
parse_for(struct parser *ps, struct command *c)
{
	c->kind = C_FOR;
	if (ps->t->type != T_WORD || !var_valid_name(ps->t->text, strlen(ps->t->text)))
		return syntax_error(ps, ps->t);
	c->name = ps->t++->text;
	skip_newlines(ps);
	if (is_word(ps->t, "in")) {
		c->has_in = 1;
		for (ps->t++; ps->t->type == T_WORD; ps->t++) {
			c->words = grow(c->words, c->nwords, sizeof(char *));
			c->words[c->nwords++] = ps->t->text;
		}
		if (ps->t->type != T_SEMI)
			return syntax_error(ps, ps->t);
		ps->t++;
	} else if (ps->t->type == T_SEMI) {
		ps->t++;
	}
	skip_newlines(ps);
	if (expect(ps, "do") != 0 || parse_list(ps, &c->body) != 0)
		return -1;
	return expect(ps, "done");
}

/* One item of a case: ['('] pattern ('|' pattern)* ')' list [';;'] */
static int
parse_case_item(struct parser *ps, struct case_item *it)
{
	if (ps->t->type == T_LPAREN)
		ps->t++;
	for (;;) {
		if (ps->t->type != T_WORD)
			return syntax_error(ps, ps->t);
		it->pats = grow(it->pats, it->npats, sizeof(char *));
		it->pats[it->npats++] = ps->t++->text;
		if (ps->t->type != T_PIPE)
			break;
		ps->t++;
	}
	if (ps->t->type != T_RPAREN)
		return syntax_error(ps, ps->t);
	ps->t++;
	if (parse_list(ps, &it->body) != 0)
		return -1;
	if (ps->t->type == T_DSEMI)
		ps->t++;
	else if (!is_word(ps->t, "esac"))
		return syntax_error(ps, ps->t);
	skip_newlines(ps);
	return 0;
}

/* 'case' word 'in' item* 'esac' (ps->t after 'case') */
static int
parse_case(struct parser *ps, struct command *c)
{
	c->kind = C_CASE;
	if (ps->t->type != T_WORD)
		return syntax_error(ps, ps->t);
	c->words = grow(NULL, 0, sizeof(char *));
	c->words[0] = ps->t++->text;
	c->nwords = 1;
	skip_newlines(ps);
	if (expect(ps, "in") != 0)
		return -1;
	skip_newlines(ps);
	while (!is_word(ps->t, "esac")) {
		c->items = grow(c->items, c->nitems, sizeof(struct case_item));
		if (parse_case_item(ps, &c->items[c->nitems++]) != 0)
			return -1;
	}
	ps->t++;
	return 0;
}

/* A compound command at ps->t: 1 if there is none, 0 when parsed, -1 on an error. */
static int
parse_compound(struct parser *ps, struct command *c)
{
	struct token *t = ps->t++;
	int r = -1;

	if (is_word(t, "if"))
		r = parse_if(ps, c);
	else if (is_word(t, "while") || is_word(t, "until")) {
		c->kind = is_word(t, "while") ? C_WHILE : C_UNTIL;
		if (parse_list(ps, &c->cond) == 0 && expect(ps, "do") == 0 &&
		    parse_list(ps, &c->body) == 0)
			r = expect(ps, "done");
	} else if (is_word(t, "for"))
		r = parse_for(ps, c);
	else if (is_word(t, "case"))
		r = parse_case(ps, c);
	else if (is_word(t, "{")) {
		c->kind = C_BRACE;
		if (parse_list(ps, &c->body) == 0)
			r = expect(ps, "}");
	} else if (t->type == T_LPAREN) {
		c->kind = C_SUBSHELL;
		if (parse_list(ps, &c->body) == 0)
			r = ps->t->type == T_RPAREN ? (ps->t++, 0) : syntax_error(ps, ps->t);
	} else {
		ps->t = t;
		return 1;
	}
	while (r == 0 && ps->t->type == T_REDIR)
		r = parse_redir(ps, c);
	return r;
}

/* NAME '(' ')' newline* compound: the body's text is kept (functions outlive the line). */
static int
parse_funcdef(struct parser *ps, struct command *c)
{
	struct token *body;
	size_t len;
	int r;

	c->kind = C_FUNCDEF;
	c->name = ps->t->text;
	ps->t += 3;
	skip_newlines(ps);
	body = ps->t;
	if ((r = parse_compound(ps, c)) != 0)
		return r > 0 ? syntax_error(ps, ps->t) : -1;
	c->kind = C_FUNCDEF;
	len = (size_t)(ps->t[-1].end - body->start);
	c->text = line_alloc(len + 1);
	memcpy(c->text, body->start, len);
	return 0;
}

/* command := simple | compound redirection* | funcdef */
static int
parse_command(struct parser *ps, struct command *c)
{
	int r;

	memset(c, 0, sizeof(*c));
	if (ps->t->type == T_WORD && ps->t[1].type == T_LPAREN && ps->t[2].type == T_RPAREN &&
	    var_valid_name(ps->t->text, strlen(ps->t->text)))
		return parse_funcdef(ps, c);
	if ((r = parse_compound(ps, c)) <= 0)
		return r;
	return parse_simple(ps, c);
}

/* pipeline := ['!'] command ('|' command)* */
static int
parse_pipeline(struct parser *ps, struct pipeline *pl)
{
	memset(pl, 0, sizeof(*pl));
	if (is_word(ps->t, "!")) {
		pl->negate = 1;
		ps->t++;
	}
	for (;;) {
		pl->cmds = grow(pl->cmds, pl->ncmds, sizeof(struct command));
		if (parse_command(ps, &pl->cmds[pl->ncmds]) != 0)
			return -1;
		pl->ncmds++;
		if (ps->t->type != T_PIPE)
			return 0;
		ps->t++;
		skip_newlines(ps);
	}
}

/* The words of an and-or list from tokens [from, to), for job messages. */
static char *
andor_text(struct token *from, struct token *to)
{
	size_t len = 1;
	struct token *t;
	char *s;

	for (t = from; t < to; t++)
		len += strlen(token_name(t)) + 1;
	s = line_alloc(len);
	for (t = from; t < to; t++) {
		if (t->type == T_REDIR || (t->type == T_SEMI && *t->start == '\n'))
			continue;
		if (*s != '\0')
			strcat(s, " ");
		strcat(s, token_name(t));
	}
	return s;
}

/* andor := pipeline (('&&' | '||') pipeline)* */
static int
parse_andor(struct parser *ps, struct andor *ao)
{
	struct token *start = ps->t;

	memset(ao, 0, sizeof(*ao));
	for (;;) {
		ao->pls = grow(ao->pls, ao->npls, sizeof(struct pipeline));
		if (parse_pipeline(ps, &ao->pls[ao->npls]) != 0)
			return -1;
		ao->npls++;
		if (ps->t->type != T_AND && ps->t->type != T_OR)
			break;
		ao->ops = grow(ao->ops, ao->npls - 1, sizeof(enum tok_type));
		ao->ops[ao->npls - 1] = ps->t->type;
		ps->t++;
		skip_newlines(ps);
	}
	ao->text = andor_text(start, ps->t);
	return 0;
}

/* list := andor ((';' | '&' | newline) andor)*, up to a token that ends a list. */
static int
parse_list(struct parser *ps, struct cmdlist **listp)
{
	struct cmdlist *list = line_alloc(sizeof(*list));

	*listp = list;
	for (;;) {
		while (ps->t->type == T_SEMI)   /* empty commands between separators */
			ps->t++;
		if (ends_list(ps->t))
			return 0;
		list->items = grow(list->items, list->n, sizeof(struct andor));
		if (parse_andor(ps, &list->items[list->n]) != 0)
			return -1;
		list->n++;
		if (ps->t->type == T_AMP)
			list->items[list->n - 1].background = 1;
		else if (ps->t->type != T_SEMI)
			return ends_list(ps->t) ? 0 : syntax_error(ps, ps->t);
		ps->t++;
	}
}

int
parse_tokens(struct token *toks, int ntok, struct cmdlist *list)
{
	struct parser ps = { toks, 0 };
	struct cmdlist *l;

	(void)ntok;
	if (parse_list(&ps, &l) == 0 && ps.t->type != T_END)
		syntax_error(&ps, ps.t);
	if (ps.more != 0)
		return ps.more > 0 ? PARSE_MORE : -1;
	*list = *l;
	return 0;
}

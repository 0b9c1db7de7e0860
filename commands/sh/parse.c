/*
 * parse.c - the shell's parser: tokens -> a list of and-or lists of pipelines of simple
 * commands (sh.h), and the per-line memory everything parsed lives in.
 *
 * Grammar (a small part of POSIX sh):
 *   list      := andor ((';' | '&' | newline) andor)* [';' | '&']
 *   andor     := pipeline (('&&' | '||') pipeline)*
 *   pipeline  := command ('|' command)*
 *   command   := (word | redirection)+
 *   redirection := [n]< word | [n]> word | [n]>> word | [n]>& word | [n]<& word
 * Errors name the unexpected token: "sh: syntax error near '|'".
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
};

static const char *
token_name(const struct token *t)
{
	static const char *names[] = { "word", "|", "&&", "||", ";", "&", "redirection",
	                               "end of line" };

	return t->type == T_WORD ? t->text : names[t->type];
}

static int
syntax_error(const struct token *t)
{
	sh_error("syntax error near '%s'", token_name(t));
	return -1;
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

/* command := (word | redirection)+ */
static int
parse_command(struct parser *ps, struct command *c)
{
	memset(c, 0, sizeof(*c));
	for (;; ps->t++) {
		if (ps->t->type == T_WORD) {
			c->words = grow(c->words, c->nwords, sizeof(char *));
			c->words[c->nwords++] = ps->t->text;
		} else if (ps->t->type == T_REDIR) {
			if (ps->t[1].type != T_WORD)
				return syntax_error(&ps->t[1]);
			c->redirs = grow(c->redirs, c->nredirs, sizeof(struct redir));
			c->redirs[c->nredirs].fd = ps->t->redir_fd;
			c->redirs[c->nredirs].op = ps->t->redir_op;
			c->redirs[c->nredirs++].word = ps->t[1].text;
			ps->t++;
		} else {
			break;
		}
	}
	if (c->nwords == 0 && c->nredirs == 0)
		return syntax_error(ps->t);
	return 0;
}

/* pipeline := command ('|' command)* */
static int
parse_pipeline(struct parser *ps, struct pipeline *pl)
{
	memset(pl, 0, sizeof(*pl));
	for (;;) {
		pl->cmds = grow(pl->cmds, pl->ncmds, sizeof(struct command));
		if (parse_command(ps, &pl->cmds[pl->ncmds]) != 0)
			return -1;
		pl->ncmds++;
		if (ps->t->type != T_PIPE)
			return 0;
		ps->t++;
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
		if (t->type == T_REDIR)
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
	}
	ao->text = andor_text(start, ps->t);
	return 0;
}

int
parse_tokens(struct token *toks, int ntok, struct cmdlist *list)
{
	struct parser ps = { toks };

	(void)ntok;
	memset(list, 0, sizeof(*list));
	while (ps.t->type != T_END) {
		if (ps.t->type == T_SEMI) {     /* empty commands between separators */
			ps.t++;
			continue;
		}
		list->items = grow(list->items, list->n, sizeof(struct andor));
		if (parse_andor(&ps, &list->items[list->n]) != 0)
			return -1;
		list->n++;
		if (ps.t->type == T_AMP)
			list->items[list->n - 1].background = 1;
		else if (ps.t->type != T_SEMI && ps.t->type != T_END)
			return syntax_error(ps.t);
		if (ps.t->type != T_END)
			ps.t++;
	}
	return 0;
}

/*
 * lex.c - awk's lexer: program text to tokens, one token of lookahead.
 *
 * lex_next() reads the next token into the global lex (its kind, line, text or number).
 * Newlines are tokens (they end statements); a backslash before a newline and comments
 * (# to the end of the line) are skipped.  A name directly followed by "(" is T_FUNC_NAME
 * (a user function call); keywords and built-in function names have their own kinds.
 * "/" is always the division token here: where the parser expects an operand it calls
 * lex_regex(), which reads a regular expression literal from just after that "/".
 * String literals have their escapes (\" \\ \/ \n \t \r \f \v \a \b \ddd) decoded.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

struct lexer lex;

static const struct { const char *name; int tok; } keywords[] = {
	{ "BEGIN", T_BEGIN }, { "END", T_END }, { "function", T_FUNCTION },
	{ "func", T_FUNCTION }, { "if", T_IF }, { "else", T_ELSE }, { "while", T_WHILE },
	{ "for", T_FOR }, { "do", T_DO }, { "break", T_BREAK }, { "continue", T_CONTINUE },
	{ "next", T_NEXT }, { "nextfile", T_NEXTFILE }, { "exit", T_EXIT },
	{ "return", T_RETURN }, { "delete", T_DELETE }, { "getline", T_GETLINE },
	{ "print", T_PRINT }, { "printf", T_PRINTF }, { "in", T_IN },
};

/* Two-character operators and their tokens. */
static const struct { const char *op; int tok; } ops2[] = {
	{ "+=", T_ADD_ASSIGN }, { "-=", T_SUB_ASSIGN }, { "*=", T_MUL_ASSIGN },
	{ "/=", T_DIV_ASSIGN }, { "%=", T_MOD_ASSIGN }, { "^=", T_POW_ASSIGN },
	{ "||", T_OR }, { "&&", T_AND }, { "!~", T_NOMATCH }, { "==", T_EQ },
	{ "<=", T_LE }, { ">=", T_GE }, { "!=", T_NE }, { "++", T_INCR }, { "--", T_DECR },
	{ ">>", T_APPEND }, { "**", '^' },
};

void
lex_init(const char *src)
{
	lex.src = lex.pos = src;
	lex.line = 1;
	lex.text = NULL;
	lex_next();
}

/* The value of the escape after a backslash at *pp (advanced past it); -1 keeps it. */
static int
escape(const char **pp)
{
	const char *p = *pp;
	static const char from[] = "nt\"\\/rfvab", to[] = "\n\t\"\\/\r\f\v\a\b";
	const char *q = strchr(from, *p);
	if (*p && q) {
		*pp = p + 1;
		return to[q - from];
	}
	if (*p >= '0' && *p <= '7') {
		int v = 0, i;
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
			v = v * 8 + *p++ - '0';
		*pp = p;
		return v;
	}
	return -1;
}

/* A copy of the n characters at s with escapes decoded (an unknown escape keeps its
 * backslash, as in most awks). */
char *
unescape(const char *s, size_t n)
{
	Buf b = { 0 };
	const char *end = s + n;
	buf_add(&b, "", 0);
	while (s < end) {
		int c;
		if (*s != '\\' || s + 1 >= end) {
			buf_addc(&b, *s++);
			continue;
		}
		s++;
		c = escape(&s);
		if (c < 0)
			buf_addc(&b, '\\');
		else
			buf_addc(&b, c);
	}
	return buf_take(&b);
}

static void
skip_blanks(void)
{
	for (;;) {
		const char *p = lex.pos;
		if (*p == ' ' || *p == '\t' || *p == '\r')
			lex.pos++;
		else if (*p == '\\' && p[1] == '\n')
			lex.pos += 2, lex.line++;
		else if (*p == '\\' && p[1] == '\r' && p[2] == '\n')
			lex.pos += 3, lex.line++;
		else if (*p == '#')
			while (*lex.pos && *lex.pos != '\n')
				lex.pos++;
		else
			return;
	}
}

static void
set_text(const char *s, size_t n)
{
	free(lex.text);
	lex.text = xstrndup(s, n);
}

static void
lex_string(void)
{
	const char *start = ++lex.pos;
	while (*lex.pos != '"') {
		if (*lex.pos == 0 || *lex.pos == '\n')
			awk_error("non-terminated string %.10s...", start);
		if (*lex.pos == '\\' && lex.pos[1])
			lex.pos++;
		lex.pos++;
	}
	free(lex.text);
	lex.text = unescape(start, (size_t)(lex.pos - start));
	lex.pos++;
	lex.tok = T_STRING;
}

static void
lex_number(void)
{
	char *end;
	lex.num = strtod(lex.pos, &end);
	if (end == lex.pos)
		awk_error("bad number");
	/* no hex constants in awk: "0x1A" is 0 followed by the name x1A */
	if (lex.pos[0] == '0' && (lex.pos[1] == 'x' || lex.pos[1] == 'X')) {
		lex.num = 0;
		end = (char *)lex.pos + 1;
	}
	set_text(lex.pos, (size_t)(end - lex.pos));
	lex.pos = end;
	lex.tok = T_NUMBER;
}

static void
lex_word(void)
{
	const char *start = lex.pos;
	size_t n, i;
	while (isalnum((unsigned char)*lex.pos) || *lex.pos == '_')
		lex.pos++;
	n = (size_t)(lex.pos - start);
	set_text(start, n);
	for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strcmp(lex.text, keywords[i].name) == 0) {
			lex.tok = keywords[i].tok;
			return;
		}
	lex.builtin = builtin_lookup(lex.text);
	if (lex.builtin >= 0)
		lex.tok = T_BUILTIN;
	else
		lex.tok = *lex.pos == '(' ? T_FUNC_NAME : T_NAME;
}

/* "|" followed by "getline" is one token, T_PIPE_GETLINE (so the parser needs one token of
 * lookahead only). */
static int
pipe_getline(void)
{
	const char *p = lex.pos + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "getline", 7) != 0 || isalnum((unsigned char)p[7]) || p[7] == '_')
		return 0;
	lex.pos = p + 7;
	lex.tok = T_PIPE_GETLINE;
	return 1;
}

void
lex_next(void)
{
	size_t i;
	skip_blanks();
	lex.tok_line = lex.line;
	if (*lex.pos == 0) {
		lex.tok = T_EOF;
		return;
	}
	if (*lex.pos == '\n') {
		lex.pos++;
		lex.line++;
		lex.tok = T_NEWLINE;
		return;
	}
	if (*lex.pos == '"')
		return lex_string();
	if (isdigit((unsigned char)*lex.pos) ||
	    (*lex.pos == '.' && isdigit((unsigned char)lex.pos[1])))
		return lex_number();
	if (isalpha((unsigned char)*lex.pos) || *lex.pos == '_')
		return lex_word();
	if (*lex.pos == '|' && pipe_getline())
		return;
	for (i = 0; i < sizeof ops2 / sizeof ops2[0]; i++)
		if (strncmp(lex.pos, ops2[i].op, 2) == 0) {
			lex.tok = ops2[i].tok;
			lex.pos += 2;
			if (lex.tok == '^' && *lex.pos == '=')   /* "**=" */
				lex.tok = T_POW_ASSIGN, lex.pos++;
			return;
		}
	if (!strchr("{}()[];,+-*/%^!<>|?:~$=", *lex.pos))
		awk_error("syntax error: unexpected character '%c'", *lex.pos);
	lex.tok = (unsigned char)*lex.pos++;
}

/* Copy a bracket expression starting at p ("[") to b, up to its "]" (a "]" first in the
 * set, or after "^", is a member); a slash inside does not end the regex.  Returns the
 * character after it. */
static const char *
regex_bracket(Buf *b, const char *p)
{
	buf_addc(b, *p++);
	if (*p == '^')
		buf_addc(b, *p++);
	if (*p == ']')
		buf_addc(b, *p++);
	for (; *p != ']'; p++) {
		if (*p == 0 || *p == '\n')
			return p;
		buf_addc(b, *p);
	}
	buf_addc(b, *p++);
	return p;
}

/* Read a regular expression literal: the current token is "/" (or "/=", whose "=" is the
 * expression's first character).  "\/" is a slash; escapes such as "\n" become their
 * character; others ("\.", "\\") stay for regcomp. */
void
lex_regex(void)
{
	const char *start = lex.tok == T_DIV_ASSIGN ? lex.pos - 1 : lex.pos;
	const char *p = start;
	Buf b = { 0 };
	buf_add(&b, "", 0);
	while (*p != '/') {
		int c;
		const char *q = p + 1;
		if (*p == 0 || *p == '\n')
			awk_error("non-terminated regular expression %.10s...", start);
		if (*p == '[') {
			p = regex_bracket(&b, p);
		} else if (*p != '\\' || !p[1]) {
			buf_addc(&b, *p++);
		} else if (p[1] != '\\' && (c = escape(&q)) >= 0) {
			buf_addc(&b, c);       /* \/ \n \t \" \ddd ... */
			p = q;
		} else {
			buf_add(&b, p, 2);
			p += 2;
		}
	}
	lex.pos = p + 1;
	free(lex.text);
	lex.text = buf_take(&b);
	lex.tok = T_ERE;
}

/* A token's name for syntax error messages. */
const char *
token_name(int tok)
{
	static char one[4];
	size_t i;
	switch (tok) {
	case T_EOF: return "end of program";
	case T_NEWLINE: return "newline";
	case T_PIPE_GETLINE: return "| getline";
	case T_NUMBER: case T_STRING: case T_NAME: case T_FUNC_NAME: case T_BUILTIN:
	case T_ERE:
		return lex.text;
	}
	for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (keywords[i].tok == tok)
			return keywords[i].name;
	for (i = 0; i < sizeof ops2 / sizeof ops2[0]; i++)
		if (ops2[i].tok == tok)
			return ops2[i].op;
	one[0] = (char)tok;
	one[1] = 0;
	return one;
}

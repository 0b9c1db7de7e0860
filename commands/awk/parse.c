/*
 * parse.c - awk's parser: tokens (lex.c) to a tree of Nodes, by recursive descent.
 *
 * parse_program() fills the list of rules (BEGIN, END, pattern-action, ranges) and the
 * table of user functions.  Expressions follow awk's precedence, lowest first:
 *   assignment (right) ?: || && in ~ !~ comparison "| getline" concatenation + - * / %
 *   unary ! + - ^ (right) ++ -- $ grouping
 * Concatenation is two operands side by side: it continues while the next token can start
 * an operand (and is not "+" or "-", which are binary there).  Inside print and printf
 * arguments a ">" outside parentheses is a redirection, not a comparison (no_gt).  Names
 * of a function's parameters become N_LOCAL nodes (an index into the call's frame); other
 * names are globals (N_VAR).  A syntax error stops at once: "syntax error at source line
 * N near 'token'".
 */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

Rule *rules;
static Rule **rules_tail = &rules;
static Func *funcs;
static Func *cur_func;    /* the function whose body is being parsed */
static int no_gt;         /* in print's argument list outside parentheses */

static Node *expr(void);
static Node *unary(void);
static Node *primary(void);
static Node *statement(void);
static Node *block(void);

static Node *
node(int type, int line)
{
	Node *n = xmalloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = line;
	return n;
}

static Node *
node2(int type, int op, Node *a, Node *b)
{
	Node *n = node(type, a ? a->line : lex.tok_line);
	n->op = op;
	n->a[0] = a;
	n->a[1] = b;
	return n;
}

static void __attribute__((noreturn))
syntax_error(void)
{
	cur_line = lex.tok_line;
	awk_error("syntax error near '%s'", token_name(lex.tok));
}

static void
expect(int tok)
{
	if (lex.tok != tok)
		syntax_error();
	lex_next();
}

static void
opt_newlines(void)
{
	while (lex.tok == T_NEWLINE)
		lex_next();
}

Func *
func_lookup(const char *name)
{
	Func *f;
	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	f = xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->next = funcs;
	funcs = f;
	return f;
}

/* A name in an expression: a parameter of the function being parsed, or a global. */
static Node *
name_node(const char *name)
{
	Node *n;
	int i;
	if (cur_func)
		for (i = 0; i < cur_func->nparams; i++)
			if (strcmp(cur_func->params[i], name) == 0) {
				n = node(N_LOCAL, lex.tok_line);
				n->index = i;
				n->str = cur_func->params[i];
				return n;
			}
	n = node(N_VAR, lex.tok_line);
	n->var = var_install(name);
	return n;
}

static int
is_lvalue(Node *n)
{
	return n->type == N_VAR || n->type == N_LOCAL || n->type == N_INDEX ||
	       n->type == N_FIELD;
}

/* An expression list: expr {, opt_newlines expr}. */
static Node *
expr_list(void)
{
	Node *head = expr(), *tail = head;
	while (lex.tok == ',') {
		lex_next();
		opt_newlines();
		tail->next = expr();
		tail = tail->next;
	}
	return head;
}

/* An expression with ">" a comparison again (inside parentheses, brackets, calls). */
static Node *
nested_list(int close)
{
	int saved = no_gt;
	Node *n = NULL;
	no_gt = 0;
	opt_newlines();
	if (lex.tok != close)
		n = expr_list();
	opt_newlines();
	no_gt = saved;
	expect(close);
	return n;
}

/* name, name[subscripts]: after the name token. */
static Node *
variable(char *name)
{
	Node *v = name_node(name);
	free(name);
	if (lex.tok != '[')
		return v;
	lex_next();
	return node2(N_INDEX, 0, v, nested_list(']'));
}

static Node *
call(void)
{
	Node *n = node(N_CALL, lex.tok_line);
	n->func = func_lookup(lex.text);
	lex_next();
	expect('(');
	n->a[0] = nested_list(')');
	return n;
}

static Node *
builtin_call(void)
{
	Node *n = node(N_BUILTIN, lex.tok_line);
	n->op = lex.builtin;
	lex_next();
	if (lex.tok == '(') {
		lex_next();
		n->a[0] = nested_list(')');
	} else if (n->op != B_LENGTH)
		syntax_error();
	return n;
}

/* getline [lvalue] [< file] (simple_get and unary_get of POSIX's grammar). */
static Node *
getline_expr(void)
{
	Node *n = node(N_GETLINE, lex.tok_line);
	n->op = G_SIMPLE;
	lex_next();
	if (lex.tok == T_NAME || lex.tok == '$')
		n->a[0] = primary();
	if (lex.tok == '<') {
		lex_next();
		n->op = G_FILE;
		n->a[1] = primary();
	}
	return n;
}

static Node *
regex_node(void)
{
	Node *n = node(N_REGEX, lex.tok_line);
	lex_regex();
	n->str = xstrdup(lex.text);
	n->re = re_compile(n->str);
	lex_next();
	return n;
}

/* ( expr ) or ( expr, expr... ) (a subscript list for "in", or print's arguments). */
static Node *
group(void)
{
	Node *list;
	lex_next();
	list = nested_list(')');
	if (!list)
		syntax_error();
	if (!list->next)
		return list;
	return node2(N_GROUP, 0, list, NULL);
}

static Node *
field(void)
{
	Node *e;
	int line = lex.tok_line;
	lex_next();
	if (lex.tok == T_INCR || lex.tok == T_DECR || lex.tok == '-' || lex.tok == '+' ||
	    lex.tok == '!')
		e = unary();
	else
		e = primary();
	e = node2(N_FIELD, 0, e, NULL);
	e->line = line;
	return e;
}

static Node *
primary(void)
{
	Node *n;
	switch (lex.tok) {
	case T_NUMBER:
		n = node(N_NUM, lex.tok_line);
		n->num = lex.num;
		lex_next();
		return n;
	case T_STRING:
		n = node(N_STR, lex.tok_line);
		n->str = xstrdup(lex.text);
		lex_next();
		return n;
	case '/': case T_DIV_ASSIGN:
		return regex_node();
	case T_NAME: {
		char *name = xstrdup(lex.text);
		lex_next();
		return variable(name);
	}
	case T_FUNC_NAME: return call();
	case T_BUILTIN: return builtin_call();
	case T_GETLINE: return getline_expr();
	case '$': return field();
	case '(': return group();
	}
	syntax_error();
}

/* ++lvalue, --lvalue, lvalue++, lvalue--, or a primary. */
static Node *
incdec(void)
{
	Node *n;
	if (lex.tok == T_INCR || lex.tok == T_DECR) {
		int type = lex.tok == T_INCR ? N_PREINC : N_PREDEC;
		lex_next();
		n = incdec();
		if (!is_lvalue(n))
			syntax_error();
		return node2(type, 0, n, NULL);
	}
	n = primary();
	if (is_lvalue(n) && (lex.tok == T_INCR || lex.tok == T_DECR)) {
		n = node2(lex.tok == T_INCR ? N_POSTINC : N_POSTDEC, 0, n, NULL);
		lex_next();
	}
	return n;
}

static Node *
power(void)
{
	Node *n = incdec();
	if (lex.tok == '^') {
		lex_next();
		n = node2(N_BINARY, '^', n, unary());
	}
	return n;
}

static Node *
unary(void)
{
	int tok = lex.tok;
	if (tok == '!' || tok == '-' || tok == '+') {
		int line = lex.tok_line;
		Node *n;
		lex_next();
		n = node2(tok == '!' ? N_NOT : tok == '-' ? N_NEG : N_PLUS, 0, unary(), NULL);
		n->line = line;
		return n;
	}
	return power();
}

/* A left-associative level: operands from next, joined by the tokens of ops (a string of
 * token values ending in 0) into nodes of type (op: the token); "&&" and "||" may be
 * followed by newlines. */
static Node *
left_assoc(Node *(*next)(void), const int *ops, int type)
{
	Node *n = next();
	for (;;) {
		const int *op = ops;
		int tok = lex.tok;
		while (*op && *op != tok)
			op++;
		if (!*op)
			return n;
		lex_next();
		if (tok == T_AND || tok == T_OR)
			opt_newlines();
		n = node2(type, tok, n, next());
	}
}

static Node *
multiplicative(void)
{
	static const int ops[] = { '*', '/', '%', 0 };
	return left_assoc(unary, ops, N_BINARY);
}

static Node *
additive(void)
{
	static const int ops[] = { '+', '-', 0 };
	return left_assoc(multiplicative, ops, N_BINARY);
}

static int
starts_operand(int tok)
{
	switch (tok) {
	case T_NUMBER: case T_STRING: case T_NAME: case T_FUNC_NAME: case T_BUILTIN:
	case '$': case '(': case T_INCR: case T_DECR:
		return 1;
	}
	return 0;
}

static Node *
concatenation(void)
{
	Node *n = additive();
	while (starts_operand(lex.tok))
		n = node2(N_CONCAT, 0, n, additive());
	return n;
}

/* expr | getline [lvalue] */
static Node *
pipe_getline(void)
{
	Node *n = concatenation();
	while (lex.tok == T_PIPE_GETLINE) {
		Node *g = node(N_GETLINE, n->line);
		g->op = G_CMD;
		g->a[1] = n;
		lex_next();
		if (lex.tok == T_NAME || lex.tok == '$')
			g->a[0] = primary();
		n = g;
	}
	return n;
}

static Node *
comparison(void)
{
	Node *n = pipe_getline();
	for (;;) {
		int op = lex.tok;
		if (op != '<' && op != T_LE && op != T_NE && op != T_EQ && op != T_GE &&
		    !(op == '>' && !no_gt))
			return n;
		lex_next();
		n = node2(N_CMP, op, n, pipe_getline());
	}
}

static Node *
matching(void)
{
	Node *n = comparison();
	while (lex.tok == '~' || lex.tok == T_NOMATCH) {
		int type = lex.tok == '~' ? N_MATCH : N_NOMATCH;
		lex_next();
		n = node2(type, 0, n, comparison());
	}
	return n;
}

static Node *
in_expr(void)
{
	Node *n = matching();
	while (lex.tok == T_IN) {
		Node *arr;
		lex_next();
		if (lex.tok != T_NAME)
			syntax_error();
		arr = name_node(lex.text);
		lex_next();
		n = node2(N_IN, 0, n->type == N_GROUP ? n->a[0] : n, arr);
	}
	return n;
}

static Node *
and_expr(void)
{
	static const int ops[] = { T_AND, 0 };
	return left_assoc(in_expr, ops, N_AND);
}

static Node *
or_expr(void)
{
	static const int ops[] = { T_OR, 0 };
	return left_assoc(and_expr, ops, N_OR);
}

static Node *
ternary(void)
{
	Node *n = or_expr(), *c;
	if (lex.tok != '?')
		return n;
	lex_next();
	opt_newlines();
	c = node2(N_COND, 0, n, ternary());
	opt_newlines();
	expect(':');
	opt_newlines();
	c->a[2] = ternary();
	return c;
}

static int
assign_op(int tok)
{
	switch (tok) {
	case '=': return '=';
	case T_ADD_ASSIGN: return '+';
	case T_SUB_ASSIGN: return '-';
	case T_MUL_ASSIGN: return '*';
	case T_DIV_ASSIGN: return '/';
	case T_MOD_ASSIGN: return '%';
	case T_POW_ASSIGN: return '^';
	}
	return 0;
}

static Node *
expr(void)
{
	Node *n = ternary();
	int op = assign_op(lex.tok);
	if (op && is_lvalue(n)) {
		lex_next();
		opt_newlines();
		return node2(N_ASSIGN, op, n, expr());
	}
	if (n->type == N_GROUP && lex.tok != T_IN && !no_gt)
		syntax_error();
	return n;
}

/* ---- statements ------------------------------------------------------------------------- */

/* The end of a simple statement: ";", a newline, or (not consumed) "}" or the end. */
static void
terminator(void)
{
	if (lex.tok == ';' || lex.tok == T_NEWLINE)
		lex_next();
	else if (lex.tok != '}' && lex.tok != T_EOF)
		syntax_error();
}

static int
at_terminator(void)
{
	return lex.tok == ';' || lex.tok == T_NEWLINE || lex.tok == '}' || lex.tok == T_EOF;
}

/* print/printf [args] [> file | >> file | "|" command] */
static Node *
print_stmt(void)
{
	Node *n = node(lex.tok == T_PRINT ? N_PRINT : N_PRINTF, lex.tok_line);
	lex_next();
	no_gt = 1;
	if (!at_terminator() && lex.tok != '>' && lex.tok != T_APPEND && lex.tok != '|') {
		n->a[0] = expr_list();
		if (n->a[0]->type == N_GROUP && !n->a[0]->next)
			n->a[0] = n->a[0]->a[0];
	}
	no_gt = 0;
	if (lex.tok == '>' || lex.tok == T_APPEND || lex.tok == '|') {
		n->op = lex.tok == '>' ? R_FILE : lex.tok == T_APPEND ? R_APPEND : R_PIPE;
		lex_next();
		n->a[1] = concatenation();
	}
	if (n->type == N_PRINTF && !n->a[0])
		syntax_error();
	return n;
}

static Node *
simple_statement(void)
{
	Node *n;
	char *name;
	int tok = lex.tok, line = lex.tok_line;
	switch (tok) {
	case T_PRINT: case T_PRINTF:
		return print_stmt();
	case T_NEXT: case T_NEXTFILE: case T_BREAK: case T_CONTINUE:
		lex_next();
		return node(tok == T_NEXT ? N_NEXT : tok == T_NEXTFILE ? N_NEXTFILE :
			    tok == T_BREAK ? N_BREAK : N_CONTINUE, line);
	case T_EXIT: case T_RETURN:
		lex_next();
		n = node(tok == T_EXIT ? N_EXIT : N_RETURN, line);
		if (!at_terminator())
			n->a[0] = expr();
		return n;
	case T_DELETE:
		lex_next();
		if (lex.tok != T_NAME)
			syntax_error();
		name = xstrdup(lex.text);
		lex_next();
		return node2(N_DELETE, 0, variable(name), NULL);
	}
	n = node2(N_EXPR, 0, expr(), NULL);
	return n;
}

static Node *
if_stmt(void)
{
	Node *n = node(N_IF, lex.tok_line);
	lex_next();
	expect('(');
	n->a[0] = nested_list(')');
	opt_newlines();
	n->a[1] = statement();
	opt_newlines();
	if (lex.tok == T_ELSE) {
		lex_next();
		opt_newlines();
		n->a[2] = statement();
	}
	return n;
}

static Node *
while_stmt(void)
{
	Node *n = node(N_WHILE, lex.tok_line);
	lex_next();
	expect('(');
	n->a[0] = nested_list(')');
	if (lex.tok == ';') {     /* while (x); -- an empty body */
		lex_next();
		return n;
	}
	opt_newlines();
	n->a[1] = statement();
	return n;
}

static Node *
do_stmt(void)
{
	Node *n = node(N_DO, lex.tok_line);
	lex_next();
	opt_newlines();
	n->a[1] = statement();
	opt_newlines();
	expect(T_WHILE);
	expect('(');
	n->a[0] = nested_list(')');
	terminator();
	return n;
}

/* for (init; cond; step) stmt, or for (name in array) stmt. */
static Node *
for_stmt(void)
{
	Node *n = node(N_FOR, lex.tok_line), *init = NULL;
	lex_next();
	expect('(');
	if (lex.tok != ';')
		init = simple_statement();
	if (init && init->type == N_EXPR && init->a[0]->type == N_IN && lex.tok == ')' &&
	    (init->a[0]->a[0]->type == N_VAR || init->a[0]->a[0]->type == N_LOCAL)) {
		n->type = N_FORIN;
		n->a[0] = init->a[0]->a[0];
		n->a[1] = init->a[0]->a[1];
		lex_next();
	} else {
		n->a[0] = init;
		expect(';');
		opt_newlines();
		if (lex.tok != ';')
			n->a[1] = expr();
		expect(';');
		opt_newlines();
		if (lex.tok != ')')
			n->a[2] = simple_statement();
		expect(')');
	}
	if (lex.tok == ';') {
		lex_next();
		return n;
	}
	opt_newlines();
	n->a[3] = statement();
	return n;
}

static Node *
statement(void)
{
	Node *n;
	switch (lex.tok) {
	case '{': return block();
	case T_IF: return if_stmt();
	case T_WHILE: return while_stmt();
	case T_DO: return do_stmt();
	case T_FOR: return for_stmt();
	case ';':
		lex_next();
		return node(N_BLOCK, lex.tok_line);
	}
	n = simple_statement();
	terminator();
	return n;
}

/* { statements } */
static Node *
block(void)
{
	Node *n = node(N_BLOCK, lex.tok_line), **tail = &n->a[0];
	expect('{');
	for (;;) {
		while (lex.tok == T_NEWLINE || lex.tok == ';')
			lex_next();
		if (lex.tok == '}')
			break;
		*tail = statement();
		tail = &(*tail)->next;
	}
	lex_next();
	return n;
}

/* ---- the program --------------------------------------------------------------------------- */

static void
function_def(void)
{
	Func *f;
	lex_next();
	if (lex.tok != T_NAME && lex.tok != T_FUNC_NAME)
		syntax_error();
	f = func_lookup(lex.text);
	if (f->defined)
		awk_error("function %s redefined", f->name);
	f->defined = 1;
	f->line = lex.tok_line;
	lex_next();
	expect('(');
	while (lex.tok == T_NAME) {
		f->params = xrealloc(f->params, (f->nparams + 1) * sizeof *f->params);
		f->params[f->nparams++] = xstrdup(lex.text);
		lex_next();
		if (lex.tok != ',')
			break;
		lex_next();
		opt_newlines();
	}
	expect(')');
	opt_newlines();
	cur_func = f;
	f->body = block();
	cur_func = NULL;
}

static void
add_rule(int kind, Node *pat, Node *pat2, Node *action)
{
	Rule *r = xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->pat = pat;
	r->pat2 = pat2;
	r->action = action;
	*rules_tail = r;
	rules_tail = &r->next;
}

static void
item(void)
{
	Node *pat = NULL, *pat2 = NULL;
	if (lex.tok == T_FUNCTION)
		return function_def();
	if (lex.tok == T_BEGIN || lex.tok == T_END) {
		int kind = lex.tok == T_BEGIN ? RULE_BEGIN : RULE_END;
		lex_next();
		opt_newlines();
		if (lex.tok != '{')
			syntax_error();
		return add_rule(kind, NULL, NULL, block());
	}
	if (lex.tok != '{') {
		pat = expr();
		if (lex.tok == ',') {
			lex_next();
			opt_newlines();
			pat2 = expr();
		}
	}
	add_rule(RULE_MAIN, pat, pat2, lex.tok == '{' ? block() : NULL);
}

/* Every function called is defined. */
static void
check_functions(void)
{
	Func *f;
	for (f = funcs; f; f = f->next)
		if (!f->defined) {
			cur_line = 0;
			awk_error("calling undefined function %s", f->name);
		}
}

void
parse_program(const char *text)
{
	lex_init(text);
	for (;;) {
		while (lex.tok == T_NEWLINE || lex.tok == ';')
			lex_next();
		if (lex.tok == T_EOF)
			break;
		item();
	}
	check_functions();
}

/*
 * run.c - awk's interpreter: it walks the tree parse.c built.
 *
 * eval() computes an expression into a Cell the caller owns (and frees); exec() runs a
 * statement and says how it ended (normally, break, continue, return).  "next" and "exit"
 * longjmp to run_program()'s loop (next_jmp, exit_jmp), out of any depth of function
 * calls.  Assignments evaluate the right side first, then find the place (a variable, an
 * array element, a field) and store: a field stores through field.c (which rebuilds $0),
 * and a store to NF rebuilds $0 too.  A user function call gets a frame of local Vars:
 * scalars by value, arrays (and variables not yet used) by reference (Var.ref).
 *
 * run_program(): BEGIN rules, then (if there are main or END rules) each input record
 * through the main rules, then END rules; "exit" in BEGIN or a main rule runs END, in END
 * it stops.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

int cur_line;
sigjmp_buf next_jmp;
jmp_buf exit_jmp;
int exit_code;

enum { S_NORMAL, S_BREAK, S_CONTINUE, S_RETURN };

static Var *frame;          /* the locals of the function running, NULL at top level */
static int call_depth;
static Cell retval;
static int in_begin_end;

static int exec(Node *n);
static int exec_list(Node *n);

double
eval_num(Node *n)
{
	Cell c = eval(n);
	double d = cell_getnum(&c);
	cell_free(&c);
	return d;
}

/* n's value as a malloc'd string. */
char *
eval_str(Node *n)
{
	Cell c = eval(n);
	cell_getstr(&c);
	return c.str ? c.str : xstrdup("");
}

/* A subscript list's key: the values joined by SUBSEP. */
static char *
subscript(Node *list)
{
	Buf b = { 0 };
	buf_add(&b, "", 0);
	for (; list; list = list->next) {
		char *s = eval_str(list);
		buf_adds(&b, s);
		free(s);
		if (list->next)
			buf_adds(&b, cell_getstr(var_scalar(v_SUBSEP)));
	}
	return buf_take(&b);
}

/* The variable of an N_VAR or N_LOCAL node. */
Var *
node_var(Node *n)
{
	return n->type == N_LOCAL ? &frame[n->index] : n->var;
}

Array *
node_array(Node *n)
{
	if (n->type == N_LOCAL)
		return var_array(&frame[n->index]);
	if (n->type == N_VAR)
		return var_array(n->var);
	awk_error("not an array");
}

/* The cell of a variable or array element (NULL for a field: *fieldno is set). */
static Cell *
lvalue(Node *n, int *fieldno)
{
	Cell *c;
	char *key;
	switch (n->type) {
	case N_VAR:
		c = var_scalar(n->var);
		n->var->kind = K_SCALAR;
		return c;
	case N_LOCAL:
		c = var_scalar(&frame[n->index]);
		frame[n->index].kind = K_SCALAR;
		return c;
	case N_INDEX:
		key = subscript(n->a[1]);
		c = array_get(node_array(n->a[0]), key);
		free(key);
		return c;
	}
	*fieldno = (int)eval_num(n->a[0]);
	if (*fieldno < 0)
		awk_error("trying to access out of range field %d", *fieldno);
	return NULL;
}

static void
store(Node *n, Cell *c, int fieldno, Cell v)
{
	if (!c) {
		field_set(fieldno, v);
		return;
	}
	cell_set(c, v);
	if (n->type == N_VAR && n->var == v_NF)
		nf_changed();
}

void
assign_lvalue(Node *lhs, Cell v)
{
	int fieldno = 0;
	Cell *c = lvalue(lhs, &fieldno);
	store(lhs, c, fieldno, v);
}

static double
arith(int op, double x, double y)
{
	switch (op) {
	case '+': return x + y;
	case '-': return x - y;
	case '*': return x * y;
	case '/':
		if (y == 0)
			awk_error("division by zero");
		return x / y;
	case '%':
		if (y == 0)
			awk_error("division by zero in %%");
		return fmod(x, y);
	default:
		return pow(x, y);
	}
}

static Cell
eval_assign(Node *n)
{
	Cell v = eval(n->a[1]), *c;
	int fieldno = 0;
	double old;
	if (n->op == '=') {
		assign_lvalue(n->a[0], cell_copy(&v));
		return v;
	}
	c = lvalue(n->a[0], &fieldno);
	old = c ? cell_getnum(c) : cell_getnum(field_get(fieldno));
	old = arith(n->op, old, cell_getnum(&v));
	cell_free(&v);
	store(n->a[0], c, fieldno, cell_num(old));
	return cell_num(old);
}

static Cell
eval_incdec(Node *n)
{
	int fieldno = 0;
	Cell *c = lvalue(n->a[0], &fieldno);
	double old = c ? cell_getnum(c) : cell_getnum(field_get(fieldno));
	double new = old + (n->type == N_PREINC || n->type == N_POSTINC ? 1 : -1);
	store(n->a[0], c, fieldno, cell_num(new));
	return cell_num(n->type == N_PREINC || n->type == N_PREDEC ? new : old);
}

static int
compare(Node *n)
{
	Cell a = eval(n->a[0]), b = eval(n->a[1]);
	int r = cell_compare(&a, &b);
	cell_free(&a);
	cell_free(&b);
	switch (n->op) {
	case '<': return r < 0;
	case T_LE: return r <= 0;
	case T_NE: return r != 0;
	case T_EQ: return r == 0;
	case T_GE: return r >= 0;
	default: return r > 0;
	}
}

/* Whether the string value of n matches the regular expression re_node. */
static int
matches(Node *n, Node *re_node)
{
	char *s = eval_str(n);
	size_t so, eo;
	int r = re_match(re_of(re_node), s, 0, &so, &eo);
	free(s);
	return r;
}

static Cell
concat(Node *n)
{
	char *a = eval_str(n->a[0]), *b = eval_str(n->a[1]);
	size_t la = strlen(a), lb = strlen(b);
	a = xrealloc(a, la + lb + 1);
	memcpy(a + la, b, lb + 1);
	free(b);
	return cell_take(a);
}

static Cell
in_array(Node *n)
{
	char *key = subscript(n->a[0]);
	int r = array_find(node_array(n->a[1]), key) != NULL;
	free(key);
	return cell_num(r);
}

/* Bind argument arg of a call to local v: arrays and unused variables by reference. */
static void
bind_arg(Var *v, Node *arg)
{
	Var *t = NULL;
	if (arg->type == N_VAR)
		t = arg->var;
	else if (arg->type == N_LOCAL)
		t = &frame[arg->index];
	while (t && t->ref && t->kind != K_SCALAR)
		t = t->ref;
	if (t && (t->kind == K_ARRAY || t->kind == K_UNKNOWN)) {
		v->ref = t;
		return;
	}
	v->val = eval(arg);
	if (v->val.type == C_NUM && v->val.str) {
		free(v->val.str);
		v->val.str = NULL;
	}
	v->kind = K_SCALAR;
}

static void
free_frame(Var *locals, int n)
{
	int i;
	for (i = 0; i < n; i++) {
		cell_free(&locals[i].val);
		if (locals[i].kind == K_ARRAY)
			array_free(locals[i].arr);
	}
	free(locals);
}

static Cell
call_function(Node *n)
{
	Func *f = n->func;
	Node *arg;
	int i, nargs = 0, st, line = cur_line;
	Var *locals, *saved;
	Cell r = { C_UNINIT, 0, NULL };
	for (arg = n->a[0]; arg; arg = arg->next)
		nargs++;
	if (nargs > f->nparams)
		awk_error("function %s called with %d args, accepts only %d", f->name, nargs,
			  f->nparams);
	if (call_depth > 10000)
		awk_error("function call nesting too deep");
	locals = calloc((size_t)f->nparams + 1, sizeof *locals);
	if (!locals)
		awk_error("out of memory");
	for (i = 0, arg = n->a[0]; i < f->nparams; i++) {
		locals[i].name = f->params[i];
		if (arg) {
			bind_arg(&locals[i], arg);
			arg = arg->next;
		}
	}
	saved = frame;
	frame = locals;
	call_depth++;
	st = exec_list(f->body->a[0]);
	call_depth--;
	frame = saved;
	cur_line = line;
	free_frame(locals, f->nparams);
	if (st == S_RETURN) {
		r = retval;
		retval.str = NULL;
		retval.type = C_UNINIT;
	}
	return r;
}

/* The record read by a getline: into the variable, or $0 (and NF). */
static void
getline_store(Node *var, char *rec)
{
	if (var)
		assign_lvalue(var, cell_strnum(rec));
	else
		set_record(rec, strlen(rec));
}

static Cell
eval_getline(Node *n)
{
	char *rec = NULL, *name;
	size_t len = 0;
	int r;
	if (n->op == G_SIMPLE) {
		r = main_getline(&rec, &len);
	} else {
		name = eval_str(n->a[1]);
		r = file_getline(n->op, name, &rec, &len);
		free(name);
		if (r > 0 && n->op == G_CMD)
			var_setnum(v_NR, cell_getnum(&v_NR->val) + 1);
	}
	if (r > 0)
		getline_store(n->a[0], rec);
	free(rec);
	return cell_num(r);
}

static Cell
eval_field(Node *n)
{
	double d = eval_num(n->a[0]);
	if (d < 0)
		awk_error("trying to access out of range field %d", (int)d);
	return cell_copy(field_get((int)d));
}

static Cell
eval_var(Node *n)
{
	Var *v = n->type == N_VAR ? n->var : &frame[n->index];
	return cell_copy(var_scalar(v));
}

static Cell
eval_index(Node *n)
{
	char *key = subscript(n->a[1]);
	Cell *c = array_get(node_array(n->a[0]), key);
	free(key);
	return cell_copy(c);
}

static int
test(Node *n)
{
	Cell c = eval(n);
	int t = cell_true(&c);
	cell_free(&c);
	return t;
}

static Cell
eval_logic(Node *n)
{
	int t = test(n->a[0]);
	if (n->type == N_NOT)
		return cell_num(!t);
	if (n->type == N_AND ? !t : t)
		return cell_num(t);
	return cell_num(test(n->a[1]));
}

static Cell
eval_cond(Node *n)
{
	return eval(n->a[test(n->a[0]) ? 1 : 2]);
}

Cell
eval(Node *n)
{
	switch (n->type) {
	case N_NUM: return cell_num(n->num);
	case N_STR: return cell_str(n->str);
	case N_REGEX: return cell_num(re_match(n->re, cell_getstr(record()), 0, NULL, NULL));
	case N_VAR: case N_LOCAL: return eval_var(n);
	case N_INDEX: return eval_index(n);
	case N_FIELD: return eval_field(n);
	case N_ASSIGN: return eval_assign(n);
	case N_COND: return eval_cond(n);
	case N_AND: case N_OR: case N_NOT: return eval_logic(n);
	case N_BINARY:
		return cell_num(arith(n->op, eval_num(n->a[0]), eval_num(n->a[1])));
	case N_CMP: return cell_num(compare(n));
	case N_MATCH: return cell_num(matches(n->a[0], n->a[1]));
	case N_NOMATCH: return cell_num(!matches(n->a[0], n->a[1]));
	case N_CONCAT: return concat(n);
	case N_NEG: return cell_num(-eval_num(n->a[0]));
	case N_PLUS: return cell_num(eval_num(n->a[0]));
	case N_PREINC: case N_PREDEC: case N_POSTINC: case N_POSTDEC:
		return eval_incdec(n);
	case N_IN: return in_array(n);
	case N_CALL: return call_function(n);
	case N_BUILTIN: return call_builtin(n);
	case N_GETLINE: return eval_getline(n);
	}
	awk_error("bad expression (node %d)", n->type);
}

/* ---- statements ----------------------------------------------------------------------- */

/* The output stream of a print or printf: stdout, or its redirection. */
static FILE *
print_stream(Node *n)
{
	char *name;
	FILE *f;
	if (n->op == R_NONE)
		return stdout;
	name = eval_str(n->a[1]);
	f = output_stream(n->op, name);
	free(name);
	return f;
}

static void
print_value(Cell *c, FILE *f)
{
	if (c->type == C_NUM) {
		char *s = num_to_str(c->num, cell_getstr(var_scalar(v_OFMT)));
		fputs(s, f);
		free(s);
	} else
		fputs(cell_getstr(c), f);
}

static void
exec_print(Node *n)
{
	Node *arg;
	Cell *vals;
	int i, count = 0;
	FILE *f;
	for (arg = n->a[0]; arg; arg = arg->next)
		count++;
	vals = xmalloc(((size_t)count + 1) * sizeof *vals);
	for (i = 0, arg = n->a[0]; arg; arg = arg->next)
		vals[i++] = eval(arg);
	f = print_stream(n);
	if (!n->a[0])
		fputs(cell_getstr(record()), f);
	for (i = 0; i < count; i++) {
		if (i > 0)
			fputs(cell_getstr(var_scalar(v_OFS)), f);
		print_value(&vals[i], f);
		cell_free(&vals[i]);
	}
	fputs(cell_getstr(var_scalar(v_ORS)), f);
	free(vals);
	if (ferror(f))
		awk_error("write error");
}

static void
exec_printf(Node *n)
{
	size_t len;
	char *fmt = eval_str(n->a[0]);
	char *s = format(fmt, n->a[0]->next, &len);
	FILE *f = print_stream(n);
	fwrite(s, 1, len, f);
	free(s);
	free(fmt);
	if (ferror(f))
		awk_error("write error");
}

/* The body of a loop ran with status st: whether the loop stops (*stop gets the status
 * the loop itself ends with). */
static int
loop_ends(int st, int *result)
{
	if (st == S_BREAK) {
		*result = S_NORMAL;
		return 1;
	}
	if (st == S_RETURN) {
		*result = S_RETURN;
		return 1;
	}
	return 0;
}

static int
exec_while(Node *n)
{
	int st, result = S_NORMAL;
	if (n->type == N_DO)
		goto body;
	while (test(n->a[0])) {
body:
		st = n->a[1] ? exec(n->a[1]) : S_NORMAL;
		if (loop_ends(st, &result))
			return result;
		if (n->type == N_DO && !test(n->a[0]))
			break;
	}
	return result;
}

static int
exec_for(Node *n)
{
	int st, result = S_NORMAL;
	if (n->a[0])
		exec(n->a[0]);
	while (!n->a[1] || test(n->a[1])) {
		st = n->a[3] ? exec(n->a[3]) : S_NORMAL;
		if (loop_ends(st, &result))
			return result;
		if (n->a[2])
			exec(n->a[2]);
	}
	return result;
}

static int
exec_forin(Node *n)
{
	Array *a = node_array(n->a[1]);
	size_t count, i;
	char **keys = array_keys(a, &count);
	int st, result = S_NORMAL;
	for (i = 0; i < count; i++) {
		if (!array_find(a, keys[i]))
			continue;
		assign_lvalue(n->a[0], cell_str(keys[i]));
		st = n->a[3] ? exec(n->a[3]) : S_NORMAL;
		if (loop_ends(st, &result))
			break;
	}
	for (i = 0; i < count; i++)
		free(keys[i]);
	free(keys);
	return result;
}

static void
exec_delete(Node *n)
{
	Node *target = n->a[0];
	if (target->type == N_INDEX) {
		char *key = subscript(target->a[1]);
		array_delete(node_array(target->a[0]), key);
		free(key);
	} else
		array_clear(node_array(target));
}

static int
exec_jump(Node *n)
{
	switch (n->type) {
	case N_BREAK: return S_BREAK;
	case N_CONTINUE: return S_CONTINUE;
	case N_RETURN:
		cell_free(&retval);
		retval = n->a[0] ? eval(n->a[0]) : cell_num(0);
		if (!n->a[0])
			retval.type = C_UNINIT;
		return S_RETURN;
	case N_EXIT:
		if (n->a[0])
			exit_code = (int)eval_num(n->a[0]);
		longjmp(exit_jmp, 1);
	case N_NEXTFILE:
		if (in_begin_end)
			awk_error("nextfile used in BEGIN or END");
		nextfile();
		siglongjmp(next_jmp, 1);
	default:
		if (in_begin_end)
			awk_error("next used in BEGIN or END");
		siglongjmp(next_jmp, 1);
	}
}

static int
exec(Node *n)
{
	Cell c;
	cur_line = n->line;
	switch (n->type) {
	case N_EXPR:
		c = eval(n->a[0]);
		cell_free(&c);
		return S_NORMAL;
	case N_PRINT: exec_print(n); return S_NORMAL;
	case N_PRINTF: exec_printf(n); return S_NORMAL;
	case N_IF:
		if (test(n->a[0]))
			return exec(n->a[1]);
		return n->a[2] ? exec(n->a[2]) : S_NORMAL;
	case N_WHILE: case N_DO: return exec_while(n);
	case N_FOR: return exec_for(n);
	case N_FORIN: return exec_forin(n);
	case N_BLOCK: return exec_list(n->a[0]);
	case N_DELETE: exec_delete(n); return S_NORMAL;
	}
	return exec_jump(n);
}

static int
exec_list(Node *n)
{
	for (; n; n = n->next) {
		int st = exec(n);
		if (st != S_NORMAL)
			return st;
	}
	return S_NORMAL;
}

/* ---- the program ---------------------------------------------------------------------- */

static int
rule_matches(Rule *r)
{
	if (!r->pat)
		return 1;
	cur_line = r->pat->line;
	if (!r->pat2)
		return test(r->pat);
	if (!r->in_range) {
		if (!test(r->pat))
			return 0;
		r->in_range = 1;
	}
	cur_line = r->pat2->line;
	if (test(r->pat2))
		r->in_range = 0;
	return 1;
}

static void
run_rule(Rule *r)
{
	if (r->action)
		exec(r->action);
	else {
		fputs(cell_getstr(record()), stdout);
		fputs(cell_getstr(var_scalar(v_ORS)), stdout);
	}
}

static void
run_kind(int kind)
{
	Rule *r;
	in_begin_end = 1;
	for (r = rules; r; r = r->next)
		if (r->kind == kind)
			exec(r->action);
	in_begin_end = 0;
}

static void
main_loop(void)
{
	char *rec = NULL;
	size_t len = 0;
	Rule *r;
	while (main_getline(&rec, &len) > 0) {
		set_record(rec, len);
		if (sigsetjmp(next_jmp, 0) == 0)
			for (r = rules; r; r = r->next)
				if (r->kind == RULE_MAIN && rule_matches(r))
					run_rule(r);
		frame = NULL;
		call_depth = 0;
	}
	free(rec);
}

/* Whether the program reads input: it has main or END rules. */
static int
needs_input(void)
{
	Rule *r;
	for (r = rules; r; r = r->next)
		if (r->kind != RULE_BEGIN)
			return 1;
	return 0;
}

void
run_program(void)
{
	if (setjmp(exit_jmp) == 0) {
		run_kind(RULE_BEGIN);
		if (needs_input())
			main_loop();
	}
	frame = NULL;
	call_depth = 0;
	if (setjmp(exit_jmp) == 0)
		run_kind(RULE_END);
	frame = NULL;
}

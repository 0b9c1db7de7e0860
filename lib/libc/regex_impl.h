/*
 * regex_impl.h - the compiled form of a regular expression, shared by regcomp.c (which
 * builds it) and regexec.c (which runs it).
 *
 * A pattern compiles to a program of instructions in the style of a Thompson NFA: each
 * instruction either consumes one character (RI_CHAR, RI_ANY, RI_SET), tests a position
 * (RI_BOL, RI_EOL), records or clears a subexpression's offsets (RI_SAVE, RI_CLEAR), matches
 * what a subexpression matched (RI_BACKREF), branches (RI_SPLIT tries x before y, RI_JMP),
 * or accepts (RI_MATCH).  Execution starts at instruction 0.  Everything is malloc'd and
 * freed by regfree().
 */
#ifndef LIBC_REGEX_IMPL_H
#define LIBC_REGEX_IMPL_H

/** The instruction kinds (struct re_inst.op). */
enum re_opcode {
	RI_CHAR,        /**< the character x or y (y: x's other case with REG_ICASE, else x) */
	RI_ANY,         /**< any character; x != 0: but '\\n' (REG_NEWLINE) */
	RI_SET,         /**< a character of set x (prog->sets[x]) */
	RI_BOL,         /**< the start of the string or, with REG_NEWLINE, of a line */
	RI_EOL,         /**< the end of the string or, with REG_NEWLINE, of a line */
	RI_SPLIT,       /**< go on at x; failing that, at y */
	RI_JMP,         /**< go on at x */
	RI_SAVE,        /**< offset slot x := the position (2i: group i's start, 2i+1 end) */
	RI_CLEAR,       /**< groups x..y took no part (their offset slots := -1) */
	RI_BACKREF,     /**< the text group x matched */
	RI_MATCH        /**< accept */
};

/** One instruction. */
struct re_inst {
	int op;                 /**< enum re_opcode */
	int x;                  /**< first operand (see enum re_opcode) */
	int y;                  /**< second operand */
};

/** A compiled pattern (regex_t.re_prog). */
struct re_prog {
	struct re_inst *inst;   /**< the program; execution starts at inst[0] */
	int ninst;              /**< its length */
	unsigned char (*sets)[32];      /**< RI_SET's sets: bit c of set s is sets[s][c / 8] */
	int nsets;              /**< how many sets */
	int nsub;               /**< groups 1..nsub */
	int cflags;             /**< regcomp()'s flags */
	int backrefs;           /**< the program has RI_BACKREF: regexec() backtracks */
};

/** The longest program regcomp() builds (intervals copy their operand): longer is
 *  REG_ESPACE. */
#define RE_MAX_INST 100000

#endif /* LIBC_REGEX_IMPL_H */

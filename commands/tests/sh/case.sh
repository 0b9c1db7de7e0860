# case: glob patterns, alternatives, brackets, quoting, fall to *.
classify() {
	case $1 in
	'') echo "empty";;
	[0-9]|[0-9][0-9]) echo "$1: small number";;
	*.c|*.h) echo "$1: C source";;
	\?) echo "$1: a question mark";;
	[!a-z]*) echo "$1: starts with no lower-case letter";;
	"a*") echo "$1: literally a-star";;
	a*) echo "$1: starts with a";;
	*) echo "$1: something else";;
	esac
}
for w in 7 42 main.c sh.h Hello 'a*' apple '?' zebra ''; do classify "$w"; done
x=b
case abc in
	(a${x}c) echo "pattern with a variable";;
esac
case abc in a?c) echo one;; abc) echo two;; esac
case "x y" in "x y") echo "quoted subject";; esac
case nothing in something) echo no;; esac
echo "no match status $?"

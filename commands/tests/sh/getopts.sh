# getopts over several option patterns: clusters, attached and separate arguments, --,
# operands, silent mode (':'), unknown letters, missing arguments, OPTIND=1 to start over.
parse() {
	OPTIND=1
	out=""
	while getopts "ab:cv" opt "$@"; do
		case $opt in
		b) out="$out b=<$OPTARG>" ;;
		'?') out="$out bad" ;;
		*) out="$out $opt" ;;
		esac
	done
	shift $((OPTIND - 1))
	echo "opts:$out | OPTIND=$OPTIND | operands: $*"
}
parse -a -c file1 file2
parse -ac -v
parse -bvalue rest
parse -b value -a rest
parse -cab arg -- -a after
parse -- -a
parse - -a
parse noopts -a
parse -avb 2>/dev/null
parse
parse -x -a 2>/dev/null
# silent mode: no message, OPTARG is the letter
silent() {
	OPTIND=1
	while getopts ":f:q" o "$@"; do
		case $o in
		f) echo "f with $OPTARG" ;;
		q) echo "q" ;;
		'?') echo "unknown -$OPTARG" ;;
		:) echo "-$OPTARG needs an argument" ;;
		esac
	done
	echo "silent done, OPTIND=$OPTIND"
}
silent -q -z -f x -f
# the positional parameters by default, the end status and name
set -- -v -- operand
OPTIND=1
while getopts v o; do echo "positional -$o"; done
echo "end status $? name $o OPTIND=$OPTIND"
# starting over: OPTIND=1
OPTIND=1
getopts v o; echo "again -$o OPTIND=$OPTIND"
# a function with its own OPTIND
inner() {
	local OPTIND=1 o
	while getopts xy o; do printf 'inner -%s\n' "$o"; done
	echo "inner OPTIND=$OPTIND"
}
inner -xy -x
echo "outer OPTIND=$OPTIND"
getopts "" o 2>/dev/null; echo "bad call: $?"

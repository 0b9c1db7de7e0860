# set -e, set -x, set --, $$ and $!, sh -c with arguments, sh script with arguments.
sh -c 'echo "-c: $0 $1 $2 ($#)"' zero one two
T=${TMPDIR:-/tmp}/args.$$
echo 'echo "script: $# $1 $2"; exit 4' > $T
sh $T first second
echo "script status $?"
sh -c 'set -e; echo before; false; echo not reached'
echo "set -e status $?"
sh -c 'set -e; if false; then :; fi; false || true; ! true; echo survives'
sh -c 'set -x; echo traced' 2>&1
set -- a b
set --
echo "after set --: $#"
{ sleep 0 & } 2>/dev/null
wait $!
echo "waited: $?"
[ "$$" -gt 0 ] && echo "pid is a number"
(exit 5); echo "subshell $?"
here=$(pwd)
(cd /; echo "in / $(pwd)")
[ "$(pwd)" = "$here" ] && echo "the subshell's cd stayed in it"
rm $T
exit 0

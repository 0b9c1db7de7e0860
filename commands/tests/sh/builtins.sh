# type, command (-v, -V, and running a command past a function of the same name),
# readonly, unset -f.
greet() { echo "function greet"; }
type greet
type echo
type if
command -v greet
command -v echo
command -V greet
command -v cat >/dev/null && echo "cat is a program: command -v finds it"
command -v nosuchcommand; echo "command -v of nothing: $?"
type nosuchcommand >/dev/null 2>&1; echo "type of nothing: $?"
cat() { echo "the function cat"; }
echo "through cat" | cat
echo "through command cat" | command cat
command echo "command runs builtins too"
unset -f cat
echo "cat is a program again" | cat
readonly RO=fixed
echo "RO=$RO"
(RO=changed) 2>/dev/null; echo "assigning a read-only variable: $?"
if (unset RO) 2>/dev/null; then echo "unset RO worked"; else echo "unset RO fails"; fi
echo "RO=$RO"
readonly | grep RO
readonly LATER
echo "LATER is ${LATER-unset}"

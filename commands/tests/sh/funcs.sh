# Functions: arguments, return status, recursion through $(...), $@ restored afterwards.
greet() {
	echo "hello $1 ($# args)"
	return 3
}
greet world extra
echo "status $?"
fact() {
	if [ $1 -le 1 ]; then
		echo 1
	else
		echo $(( $1 * $(fact $(($1 - 1))) ))
	fi
}
echo "5! = $(fact 5)"
set -- outer1 outer2
show() { echo "inside: $*"; }
show in1 in2 in3
echo "outside: $*"
count() { echo $#; }
echo "counts $(count) $(count "") $(count a 'b c') $(count "$@")"
iseven() { [ $(( $1 % 2 )) -eq 0 ]; }
for k in 1 2 3 4; do
	if iseven $k; then echo "$k even"; else echo "$k odd"; fi
done
early() {
	for k in 1 2 3; do
		[ $k = 2 ] && return $k
		echo "early $k"
	done
	echo never
}
early; echo "early returned $?"
redef() { echo first; }
redef
redef() { echo second; }
redef
compound() { { echo one; echo two; } | wc -l; }
echo "lines: $(compound)"

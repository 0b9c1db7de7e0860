# local: function-local variables, restored when the function returns (by return, at its
# end, and when a command in it fails), with recursion.
fact() {
	local n=$1
	if [ "$n" -le 1 ]; then
		result=1
		return
	fi
	fact $((n - 1))
	result=$((n * result))
}
for k in 1 5 10 12; do
	fact $k
	echo "$k! = $result"
done
fib() {
	local n=$1 a b
	if [ "$n" -lt 2 ]; then
		R=$n
		return 0
	fi
	fib $((n - 1)); a=$R
	fib $((n - 2)); b=$R
	R=$((a + b))
}
fib 12; echo "fib 12 = $R"
x=global
show() { echo "show sees x=$x"; }
scoped() {
	local x=local
	show
	x=changed
	show
}
scoped
echo "after scoped: x=$x"
unset u
setu() { local u; u=inner; echo "inside u=$u"; return 4; }
setu
echo "status $? u=${u-unset}"
keep() { local x; echo "local x keeps x=$x until assigned"; x=new; echo "now x=$x"; }
keep
echo "after keep: x=$x"
nested() {
	local x=level$1
	if [ "$1" -lt 3 ]; then nested $(($1 + 1)); fi
	echo "unwinding $x"
}
nested 1
echo "after nested: x=$x"
fails() { local x=failing; false; }
fails
echo "after a failing function ($?): x=$x"
export EX=outer
exporter() { local EX=inner; sh -c 'echo "child sees EX=$EX"'; }
exporter
sh -c 'echo "after: child sees EX=$EX"'
counter=0
loop() { local i; for i in a b c; do counter=$((counter + 1)); done; }
loop
echo "counter=$counter i=${i-unset}"

# Loops: for, while, until, break and continue (with levels), arithmetic, $# and shift.
for w in one two three; do
	echo "for $w"
done
i=0
while [ $i -lt 3 ]; do
	i=$((i + 1))
	echo "while $i"
done
until [ $i -eq 0 ]; do
	i=$((i - 1))
done
echo "until $i"
for a in 1 2 3; do
	for b in x y z; do
		if [ $b = y ]; then
			continue
		fi
		if [ $a = 2 ]; then
			continue 2
		fi
		if [ $a = 3 ]; then
			break 2
		fi
		echo "pair $a$b"
	done
done
n=0
while true; do n=$((n + 1)); [ $n -ge 5 ] && break; done; echo "broke at $n"
set -- p q 'r s' t
echo "count $#"
for x in "$@"; do echo "arg <$x>"; done
for x in $*; do echo "word <$x>"; done
shift 2
echo "after shift: $# $1"
for x; do echo "implicit <$x>"; done
sum=0
for k in 1 2 3 4 5 6 7 8 9 10; do sum=$((sum + k * k)); done
echo "sum of squares $sum, $((sum / 7)) rem $((sum % 7)), $(( (1 + 2) * 3 == 9 ))"
D=${TMPDIR:-/tmp}/glob.$$
mkdir $D
for f in a1 a2 b1 c1 c22; do echo > $D/$f; done
for f in $D/a* $D/[bc]1 $D/[!ab]?? $D/c[0-9][0-9] $D/[x-z]*; do echo "glob ${f#$D/}"; done
cd $D && rm a1 a2 b1 c1 c22 && cd / && rmdir $D

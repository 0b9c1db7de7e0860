# Command substitution ($(...) and backquotes, nested, quoted) and parameter expansion.
echo "a $(echo b) `echo c` d"
echo "nested: $(echo "x $(echo "y $(echo z)")")"
v=$(echo "  spaced   out  ")
echo "[$v]"
echo [$v]
lines=$(cat <<EOF
l1
l2


EOF
)
echo "$lines" | wc -l
echo "status $(false; echo $?) then $?"
x=$(exit 7)
echo "assignment status $?"
unset u
echo "${u:-default} ${u-dash} [${u:+plus}] ${e:=assigned} $e"
p=/usr/lib/libc.a
echo "${p##*/} ${p%/*} ${p%.a} ${p#/usr} ${#p}"
e=""
echo "[${e:-empty}] [${e-unset}]"
n=3
echo "$((n * (n + 1) / 2)) $((n > 2 ? 10 : 20)) $((0x10 + 010)) $((-n + 1))"
echo "`echo back \`echo quoted\``"
echo $(echo one; echo two) | wc -w

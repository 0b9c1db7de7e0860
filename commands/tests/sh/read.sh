# read: several names, the rest to the last, -r, IFS, status 1 at end of file.
T=${TMPDIR:-/tmp}/read.$$
echo 'alpha beta gamma delta' > $T
read a b c < $T
echo "a=$a b=$b c=$c"
echo 'back\slash and\
joined' > $T
read -r raw < $T
echo "raw: $raw"
read cooked < $T
echo "cooked: $cooked"
echo 'root:x:0:0:Root:/root:/bin/sh' > $T
IFS=: read user pw uid gid rest < $T
echo "user=$user uid=$uid rest=$rest"
echo "IFS is back: [$IFS]"
echo one > $T
echo -n two >> $T
n=0
while read line; do n=$((n + 1)); echo "got $line"; done < $T
echo "last: [$line] after $n"
read nothing < /dev/null
echo "at end of file: $?"
echo piped | { read p; echo "from a pipe: $p"; }
rm $T

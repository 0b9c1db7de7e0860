# Here-documents: expanded, quoted (literal), <<- (tabs removed), into loops and files.
name=world
cat <<EOF
hello $name
sum $((2 + 3)) and $(echo substituted)
escaped \$name and backslash \\
EOF
cat <<'EOF'
literal $name $(echo not run) \$
EOF
cat <<-EOF
		indented $name
	EOF
T=${TMPDIR:-/tmp}/heredoc.$$
cat > $T <<EOF
line one
line two
line three
EOF
wc -l < $T
while read -r first rest; do
	echo "[$first] [$rest]"
done < $T
count=0
while read line; do count=$((count + 1)); done <<EOF
a
b
EOF
echo "read $count lines"
f() {
	cat <<END
in function: $1
END
}
f arg
grep two <<EOF | wc -l
one two
three
two four
EOF
wc -l <<EOF
row 01 of a body larger than PIPE_BUF, written by a child
row 02 of a body larger than PIPE_BUF, written by a child
row 03 of a body larger than PIPE_BUF, written by a child
row 04 of a body larger than PIPE_BUF, written by a child
row 05 of a body larger than PIPE_BUF, written by a child
row 06 of a body larger than PIPE_BUF, written by a child
row 07 of a body larger than PIPE_BUF, written by a child
row 08 of a body larger than PIPE_BUF, written by a child
row 09 of a body larger than PIPE_BUF, written by a child
row 10 of a body larger than PIPE_BUF, written by a child
row 11 of a body larger than PIPE_BUF, written by a child
row 12 of a body larger than PIPE_BUF, written by a child
row 13 of a body larger than PIPE_BUF, written by a child
row 14 of a body larger than PIPE_BUF, written by a child
row 15 of a body larger than PIPE_BUF, written by a child
row 16 of a body larger than PIPE_BUF, written by a child
row 17 of a body larger than PIPE_BUF, written by a child
row 18 of a body larger than PIPE_BUF, written by a child
row 19 of a body larger than PIPE_BUF, written by a child
row 20 of a body larger than PIPE_BUF, written by a child
EOF
rm $T

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
rm $T

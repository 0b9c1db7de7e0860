# printf: conversions, widths and precisions, '*', the format reused for the arguments,
# escapes, %b, numeric arguments ('A, 0x, 0), and errors (status 1).
printf '%-8s|%6s|%3d|%-5d|\n' name size 1 2
for row in "alpha 10 3.5" "beta 200 12.25" "gamma 3000 0.125"; do
	set -- $row
	printf '%-8s %6d %8.3f\n' "$1" "$2" "$3"
done
printf '%s=%d\n' a 1 b 2 c 3
printf '[%5.1f] [%-8.2e] [%g] [%G]\n' 3.14159 1234.5 0.0001 1e20
printf '%d %i %u %o %x %X\n' 42 -7 8 8 255 255
printf '%#o %#x %+d %05d % d\n' 8 255 3 42 7
printf '[%*d] [%-*d] [%.*f]\n' 6 42 4 7 2 2.71828
printf '%c%c%c\n' abc b c
printf '%.3s|%.0s|\n' abcdef xyz
printf '%d %d %d %d\n' "'A" 0x1f 010 -5
printf 'tab\there\\back\101\n'
printf '%b\n' 'a\tb' 'oct\0101' 'no \q escape'
printf '%s\n' 'no \t escapes in %s'
printf 'stop here: %b' 'shown\c' 'never'
echo
printf '%s and %s\n' one
printf '100%%\n'
printf '%d\n' 12abc 2>/dev/null; echo "status $?"
printf '%d\n' abc 2>/dev/null; echo "status $?"
printf '%s %s %s\n' 1 2 3 4 5
printf 'no conversions\n' ignored
printf '%x\n' -1
(exec printf '%s from the printf program: %03d %b\n' hello 7 'x\ty')

"""Host unit tests of awk (commands/awk): the same sources that become Minnow's /bin/awk,
built with the host compiler and glibc (its <regex.h>), run over a table of programs and
inputs whose expected output is written here (worked out by hand from POSIX awk's rules;
where mawk differs from POSIX -- substr with a start below 1, $NF++ -- POSIX is followed).

Run from the repository root:  python3 -m unittest tools.tests.test_awk
"""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFLAGS = ["-std=c99", "-D_POSIX_C_SOURCE=200809L", "-O1", "-Wall", "-Wextra", "-Werror"]

PEOPLE = "alice 30 5.5\nbob 25 6.25\ncarol 35 7\ndave 40 8.5\n"

# (program, input, expected output): awk 'program' reads the input on stdin.
CASES = [
    # patterns, fields, NR/NF
    ('{print $2, NF}', "a b c\nd e\n", "b 3\ne 2\n"),
    ('NR==2,NR==3{print NR": "$0}', PEOPLE, "2: bob 25 6.25\n3: carol 35 7\n"),
    ('/bo/,/ca/', PEOPLE, "bob 25 6.25\ncarol 35 7\n"),
    ('$2 > 28 {print $1}', PEOPLE, "alice\ncarol\ndave\n"),
    ('!/a/', PEOPLE, "bob 25 6.25\n"),
    ('NF', "a\n\nb\n", "a\nb\n"),
    ('length > 11', PEOPLE, "alice 30 5.5\n"),
    ('!seen[$1]++', "x 1\ny 2\nx 3\n", "x 1\ny 2\n"),
    ('END{print NR, $0, NF}', PEOPLE, "4 dave 40 8.5 3\n"),
    # assigning fields and NF rebuilds $0 with OFS
    ('{$2=""; print; print NF}', "a b c\n", "a  c\n3\n"),
    ('{NF=2; print}', "a b c\n", "a b\n"),
    ('BEGIN{OFS="-"}{$1=$1; print}', "a  b   c\n", "a-b-c\n"),
    ('{$5="x"; print; print NF}', "a b\n", "a b   x\n5\n"),
    ('{$NF++; print}', "a 1\n", "a 2\n"),
    ('BEGIN{$0="x y z"; print NF, $2; $2="Q"; print; NF=4; print; print NF}', "",
     "3 y\nx Q z\nx Q z \n4\n"),
    ('{print $(NF-1)}', "a b c\n", "b\n"),
    # FS, RS
    ('BEGIN{FS=","}{print $2 "|" NF}', "x,y,z\n1,,3\n", "y|3\n|3\n"),
    ('BEGIN{FS="[0-9]+"}{print $2, NF}', "ab12cd3ef\n", "cd 3\n"),
    ('BEGIN{FS="|"}{print $2}', "a|b|c\n", "b\n"),
    ('BEGIN{FS="."}{print $2}', "a.b.c\n", "b\n"),
    ('BEGIN{FS="\\t"}{print $2}', "a b\tc\n", "c\n"),
    ('{print NF ":" $1}', "  lead   trail  \n", "2:lead\n"),
    ('BEGIN{RS=";"}{print NR"="$0}', "a;b;c", "1=a\n2=b\n3=c\n"),
    # a longer RS is a regular expression (the results of mawk 1.3.4 and gawk)
    ('BEGIN{RS="[0-9]+"}{printf "<%s>", $0} END{print NR}', "a1b22c333d\n",
     "<a><b><c><d\n>4\n"),
    ('BEGIN{RS="\\n\\n+"}{printf "[%s]", $0} END{print NR}', "one\n\n\ntwo\nthree\n\n",
     "[one][two\nthree]2\n"),
    ('BEGIN{RS=";|,"}{printf "(%s)", $0} END{print NR}', "a;b;,c", "(a)(b)()(c)4\n"),
    ('BEGIN{RS="--"}{print NR": "$1}', "p1 x--p2 y--", "1: p1\n2: p2\n"),
    ('BEGIN{RS="ab*c"; while ((getline l) > 0) printf "%s.", l; print ""}', "1abbbc2ac3ab",
     "1.2.3ab.\n"),
    # printf %a and %A (glibc's and gawk's text; mawk has no %a)
    ('BEGIN{printf "%a %A %.2a %-12a|\\n", 1, 255.5, 1/3, -0.75}', "",
     "0x1p+0 0X1.FFP+7 0x1.55p-2 -0x1.8p-1   |\n"),
    ('BEGIN{RS=""}{print NR": "$1"/"$NF, NF}', "a b\nc\n\n\nd e\n\n\nf\n",
     "1: a/c 3\n2: d/e 2\n3: f/f 1\n"),
    # numbers, strings, comparison rules
    ('BEGIN{x=3; y=x^2+1; print y, 2^3^2, -2^2, 2**3, 7%3, -7%3, 7.5%2}', "",
     "10 512 -4 8 1 -1 1.5\n"),
    ('BEGIN{print 1/3, 100000000, 1e30, 0.1+0.2, 1e6, 1234567.5, 0.000001}', "",
     "0.333333 100000000 1e+30 0.3 1000000 1.23457e+06 1e-06\n"),
    ('BEGIN{x="10"; y=9; print (x<y), ("10"<"9"), (x+0<y), (2<10), ("2"<"10")}', "",
     "1 1 0 1 0\n"),
    ('{print ($1 < $2)}', "abc 10\n2 10\n10 9\n", "0\n1\n0\n"),
    ('BEGIN{x; print x==0, x=="", length(x)}', "", "1 1 0\n"),
    ('BEGIN{print !0, !1, !"", !"a", -"3x", +"4", "A"+1, "3.5e1xyz"+0}', "",
     "1 0 1 0 -3 4 1 35\n"),
    ('BEGIN{CONVFMT="%.2f"; a=3.14159; b=a ""; print b; OFMT="%.3f"; print a, 10}', "",
     "3.14\n3.142 10\n"),
    ('BEGIN{print 1 " " 2, 1+2 "x", -1 " " -2, 1 - 1 " " 2}', "", "1 2 3x -1-2 0 2\n"),
    ('BEGIN{i=5; print i++, i, ++i, i--, --i}', "", "5 6 7 7 5\n"),
    ('BEGIN{x=1; x+=2; x*=3; x-=1; x/=2; x%=3; x^=3; print x; a=b=3; print a, b}', "",
     "1\n3 3\n"),
    ('BEGIN{print (1 ? 2 ? "p" : "q" : "r"), (0 ? "a" : 0 ? "b" : "c")}', "", "p c\n"),
    ('BEGIN{print 1e3, 1E-2, .5, 5., 0x10}', "", "1000 0.01 0.5 5 0\n"),
    ('BEGIN{print "a\\tb\\\\n\\"q\\"\\/"}', "", 'a\tb\\n"q"/\n'),
    # arrays
    ('{a[$1]=$2} END{for(k in a) n+=a[k]; print n, ("bob" in a), ("zed" in a);'
     ' delete a["bob"]; print length(a)}', PEOPLE, "130 1 0\n3\n"),
    ('BEGIN{a[1,2]=3; for(k in a){split(k,p,SUBSEP); print p[1], p[2]};'
     ' if ((1,2) in a) print "yes"}', "", "1 2\nyes\n"),
    ('BEGIN{for(i=0;i<5;i++) a[i]=i; for(k in a) delete a[k]; print length(a);'
     ' a["x"]; delete a; print length(a)}', "", "0\n0\n"),
    ('BEGIN{a[01]=1; a["01"]=2; for(k in a) n++; print n, a[1]}', "", "2 1\n"),
    ('BEGIN{CONVFMT="%d"; a[12.7]=1; for(k in a) print k}', "", "12\n"),
    ('BEGIN{OFMT="[%5.1f]"; print 3.14159; CONVFMT="%s"; x = 0.5 ""; print x}', "",
     "[  3.1]\n0.5\n"),
    ('BEGIN{if (!(3 in a)) print "no"; if (a[3]=="") print "empty"; if (3 in a) print "yes"}',
     "", "no\nempty\nyes\n"),
    ('BEGIN{a[10];a[9];a["b"];a["a"];a[-1.5];a[100]; for(k in a) printf "%s ", k; print ""}',
     "", "-1.5 9 10 100 a b \n"),
    # regular expression literals: brackets, escapes
    ('BEGIN{print match("a]b",/[]]/), match("a/b",/[^/]\\//), match("tab\there",/\t/),'
     ' match("x\\y",/\\\\/), "a.b" ~ /a\\.b/, "axb" ~ /a\\.b/, "a+" ~ /^a\\+$/}', "",
     "2 1 4 2 1 0 1\n"),
    ('$1 ~ /^(ab|cd)+$/ {n++} $0 ~ "[0-9]{2}" {m++} END{print n, m}', "abcd 12\ncdx 1\nab 345\n",
     "2 2\n"),
    # control flow
    ('BEGIN{while(i<3){i++; if(i==2) continue; print i}; do {j++} while (j<5); print j;'
     ' for(;;){k++; if(k>3) break}; print k}', "", "1\n3\n5\n4\n"),
    ('BEGIN{do print "once"; while (0); while (m++ < 3) ; print m}', "", "once\n4\n"),
    ('{if ($2 < 30) print "young"; else if ($2 < 38) print "mid"; else print "old"}', PEOPLE,
     "mid\nyoung\nmid\nold\n"),
    ('NR==2{next} {print NR}', PEOPLE, "1\n3\n4\n"),
    ('{print; exit} END{print "end"}', PEOPLE, "alice 30 5.5\nend\n"),
    ('BEGIN{if (0)\nprint "a"\nelse\nprint "b"\n}', "", "b\n"),
    ('{ print $1 } ; { print $2 }', "a b\n", "a\nb\n"),
    # user functions: recursion, arrays by reference, locals
    ('function fact(n){return n<=1?1:n*fact(n-1)} BEGIN{print fact(10), fact(20)}', "",
     "3628800 2432902008176640000\n"),
    ('function fib(n){return n<2?n:fib(n-1)+fib(n-2)} BEGIN{print fib(20)}', "", "6765\n"),
    ('function g(a,  i){a["x"]=1; i=5; return i} BEGIN{r=g(arr); print r, arr["x"], i "|"}',
     "", "5 1 |\n"),
    ('function f(a){a[1]=5} BEGIN{f(x); print x[1]}', "", "5\n"),
    ('function g(b){b["k"]=1} function f(  loc){g(loc); return loc["k"]} BEGIN{print f()}',
     "", "1\n"),
    ('function r(n, a){a[n]=n; if (n>0) r(n-1, a); return length(a)}'
     ' BEGIN{print r(5, arr), length(arr)}', "", "6 6\n"),
    ('function f(a,\n  b) {\n  return a + b\n}\nBEGIN {\n  print f(1,\n    2)\n}', "", "3\n"),
    ('function s(x){x="changed"} BEGIN{v="orig"; s(v); print v}', "", "orig\n"),
    # built-ins
    ('BEGIN{print length("abc"), substr("hello",2,3), substr("hello",0,2), substr("hello",-1,3),'
     ' substr("hello",1.5,2.3), substr("hello",2) "|" substr("hello",2,-1) "|"}', "",
     "3 ell h h el ello||\n"),
    ('BEGIN{print index("foobar","bar"), index("abc","z"), length(12345), length(1/4)}', "",
     "4 0 5 4\n"),
    ('BEGIN{s="aaa"; n=gsub(/a/,"&&",s); print n, s; t="abc"; gsub(/x*/,"-",t); print t;'
     ' u="hello"; sub(/l+/,"[&]",u); print u; v="a.b.c"; gsub(/\\./,"\\\\&",v); print v}', "",
     "3 aaaaaa\n-a-b-c-\nhe[ll]o\na&b&c\n"),
    ('{gsub(/o/, "0"); print; print NF}', "foo boo\n", "f00 b00\n2\n"),
    ('BEGIN{s="xab"; gsub(/x*/,"-",s); print s}', "", "-a-b-\n"),
    ('BEGIN{n=split("a:b:c",arr,":"); print n, arr[1], arr[3]; n=split("  x  y ",b);'
     ' print n, b[1], b[2]; n=split("a1b22c",c,/[0-9]+/); print n, c[2], c[3];'
     ' print split("", d), length(d)}', "", "3 a c\n2 x y\n3 b c\n0 0\n"),
    ('BEGIN{print match("xxabb",/ab+/), RSTART, RLENGTH; print match("x",/z/), RSTART, RLENGTH}',
     "", "3 3 3\n0 0 -1\n"),
    ('BEGIN{print match("a$b",/\\$/), match("a/b",/[/]/), match("a/b",/\\//), match("a=b",/=/)}',
     "", "2 2 2 2\n"),
    ('BEGIN{re="^a.c$"; print ("abc" ~ re), ("abd" ~ re), ("x.y" ~ /x\\.y/), "ab" ~ "b$"}', "",
     "1 0 1 1\n"),
    ('BEGIN{print int(3.9), int(-3.9), sqrt(16), exp(0), log(1), sin(0), cos(0), atan2(0,-1)}',
     "", "3 -3 4 1 0 0 1 3.14159\n"),
    ('BEGIN{print toupper("abC1"), tolower("ABc")}', "", "ABC1 abc\n"),
    ('BEGIN{srand(1); a=rand(); srand(1); b=rand(); print (a==b), (a>=0 && a<1), srand(5)}',
     "", "1 1 1\n"),
    ('BEGIN{print system("exit 3")}', "", "3\n"),
    # printf and sprintf
    ('BEGIN{printf "%5s|%-5s|%05d|%+d|%e|%g|%G|%o|%X|%%|%c|%.3s\\n", "ab","cd",42,7,'
     '12345.678,0.0001234,1e20,8,255,"hello","abcdef"}', "",
     "   ab|cd   |00042|+7|1.234568e+04|0.0001234|1E+20|10|FF|%|h|abc\n"),
    ('BEGIN{printf "%*d|%-*.*f|\\n", 6, 42, 10, 2, 3.14159}', "", "    42|3.14      |\n"),
    ('BEGIN{printf "[%10.3f][%-10e][%.0f][%#o][%#x][%i]\\n", 3.14159, 2.5, 2.5, 8, 255, -2.7}',
     "", "[     3.142][2.500000e+00][2][010][0xff][-2]\n"),
    ('BEGIN{printf "%d %d %x\\n", 2147483648, -2147483649, 4294967296}', "",
     "2147483648 -2147483649 100000000\n"),
    ('BEGIN{printf "%c%c%c\\n", 72, "ello", 33; printf("%d-%s\\n", "3abc", "x")}', "",
     "He!\n3-x\n"),
    ('BEGIN{s=sprintf("%3d:%-3s:%5.1f%%", 5, "ab", 45.678); print s}', "", "  5:ab : 45.7%\n"),
    ('BEGIN{printf "%s %s %s|\\n", "a", "b"}', "", "a b |\n"),
    # getline forms, pipes, redirection
    ('BEGIN{"echo hi there" | getline; print $2, NF, NR; "echo a b" | getline line; print line}',
     "", "there 2 1\na b\n"),
    ('BEGIN{while ("echo x; echo y" | getline line > 0) print "L", line}', "", "L x\nL y\n"),
    ('NR==1{getline; print "got " $0} END{print NR}', "1\n2\n3\n", "got 2\n3\n"),
    ('NR==1{getline x; print "got " x, $1} END{print NR}', "1\n2\n3\n", "got 2 1\n3\n"),
    ('BEGIN{getline; print "first:", $0, NR}', "l1\nl2\n", "first: l1 1\n"),
    ('BEGIN{print (getline line < "/nonexistent/file")}', "", "-1\n"),
    ('{print $1 | "sort -r"} END{close("sort -r"); print "done"}', PEOPLE,
     "dave\ncarol\nbob\nalice\ndone\n"),
    ('BEGIN{print "to cat" | "cat"; r = close("cat"); print "closed", r}', "",
     "to cat\nclosed 0\n"),
    ('BEGIN{printf "%s", "no newline"}', "", "no newline"),
    ('BEGIN{OFS=":"; ORS="|\\n"; print "a", "b"; $0="x y"; $1=$1; print}', "", "a:b|\nx:y|\n"),
]


def build(out):
    sources = sorted(glob.glob(os.path.join(ROOT, "commands/awk/*.c")))
    r = subprocess.run(["gcc"] + CFLAGS + ["-o", out] + sources + ["-lm"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("host build of awk failed:\n%s" % r.stdout)


class Awk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="minnow-awk-")
        cls.awk = os.path.join(cls.tmp, "awk")
        build(cls.awk)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp)

    def run_awk(self, args, stdin="", env=None):
        e = {"PATH": os.environ.get("PATH", "/bin:/usr/bin")}
        e.update(env or {})
        return subprocess.run([self.awk] + args, input=stdin, cwd=self.dir, env=e,
                              timeout=20, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def write(self, name, text):
        with open(os.path.join(self.dir, name), "w") as f:
            f.write(text)

    def test_program_table(self):
        self.assertGreater(len(CASES), 80)
        for prog, stdin, want in CASES:
            with self.subTest(prog=prog):
                r = self.run_awk([prog], stdin)
                self.assertEqual((r.stdout, r.stderr, r.returncode), (want, "", 0))

    def test_word_frequency_pipeline(self):
        text = "the cat saw the dog\nthe dog saw a bird\n"
        self.write("words", text)
        r = subprocess.run(
            "%s '{for(i=1;i<=NF;i++) c[$i]++} END{for(w in c) print c[w], w}' words"
            " | sort -k1,1nr -k2 | head -3" % self.awk,
            shell=True, cwd=self.dir, stdout=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(r.stdout, "3 the\n2 dog\n2 saw\n")

    def test_report_with_averages(self):
        self.write("scores", "ann math 90\nbob math 72\nann art 85\nbob art 64\ncy math 81\n")
        prog = ('{ sum[$1] += $3; n[$1]++; total += $3 }\n'
                'END { for (s in sum) printf "%-4s %6.2f\\n", s, sum[s] / n[s] | "sort"\n'
                '      close("sort")\n'
                '      printf "mean %.3f over %d\\n", total / NR, NR }\n')
        self.write("report.awk", prog)
        r = self.run_awk(["-f", "report.awk", "scores"])
        self.assertEqual(r.stdout, "ann   87.50\nbob   68.00\ncy    81.00\nmean 78.400 over 5\n")

    def test_options_operands_environ(self):
        r = self.run_awk(["-F:", "-v", "x=5", "-v", "y=a\\tb", "{print $2, x, y}"], "a:b:c\n")
        self.assertEqual(r.stdout, "b 5 a\tb\n")
        r = self.run_awk(["-Ft", "{print $2}"], "a\tb\n")
        self.assertEqual(r.stdout, "b\n")
        self.write("in1", "1 2\n")
        self.write("in2", "3 4\n")
        r = self.run_awk(["{print FILENAME, x, $1, FNR, NR}", "in1", "x=9", "in2"])
        self.assertEqual(r.stdout, "in1  1 1 1\nin2 9 3 1 2\n")
        r = self.run_awk(["BEGIN{print ENVIRON[\"X\"], ARGC, ARGV[0], ARGV[2]}", "a", "b"],
                         env={"X": "hello"})
        self.assertEqual(r.stdout, "hello 3 awk b\n")
        r = self.run_awk(["BEGIN{ARGV[1]=\"\"} {print}", "nosuch", "in2"])
        self.assertEqual((r.stdout, r.returncode), ("3 4\n", 0))
        r = self.run_awk(["{print}", "-"], "from stdin\n")
        self.assertEqual(r.stdout, "from stdin\n")

    def test_output_files(self):
        r = self.run_awk(['BEGIN{print "x" > "f"; print "y" >> "f"; close("f");'
                          ' while ((getline l < "f") > 0) print "r", l;'
                          ' print "z" > "f"; close("f"); getline l < "f"; print l}'])
        self.assertEqual(r.stdout, "r x\nr y\nz\n")
        with open(os.path.join(self.dir, "f")) as f:
            self.assertEqual(f.read(), "z\n")
        r = self.run_awk(['{print $2 > ($1 ".out")}'], "a 1\nb 2\na 3\n")
        with open(os.path.join(self.dir, "a.out")) as f:
            self.assertEqual(f.read(), "1\n3\n")
        r = self.run_awk(['BEGIN{print "err" > "/dev/stderr"; print "out"}'])
        self.assertEqual((r.stdout, r.stderr), ("out\n", "err\n"))

    def test_exit_status(self):
        self.assertEqual(self.run_awk(["BEGIN{exit 3} END{print \"end runs\"}"]).stdout,
                         "end runs\n")
        self.assertEqual(self.run_awk(["BEGIN{exit 3}"]).returncode, 3)
        r = self.run_awk(["END{exit NR}"], "a\nb\n")
        self.assertEqual(r.returncode, 2)

    def test_errors(self):
        cases = [
            (["BEGIN{x=1"], "awk: syntax error near 'end of program' at source line 1\n"),
            (["BEGIN {\n x = 1\n y = x +* 2\n}"],
             "awk: syntax error near '*' at source line 3\n"),
            (["{print}", "nosuch"], "awk: can't open file nosuch\n"),
            (["BEGIN{x=0\nprint 1/x}"], "awk: division by zero at source line 2\n"),
            (["BEGIN{print 5%0}"], "awk: division by zero in % at source line 1\n"),
            (["BEGIN{a[1]=1; a=2}"],
             "awk: can't use array a in scalar context at source line 1\n"),
            (["BEGIN{f()}"], "awk: calling undefined function f at source line 1\n"),
            (["BEGIN{x = \"a(\"; if (\"z\" ~ x) print}"],
             None),
            (["function f(a){return a} BEGIN{f(1,2)}"],
             "awk: function f called with 2 args, accepts only 1 at source line 1\n"),
            (["BEGIN{next}"], "awk: next used in BEGIN or END at source line 1\n"),
            (["-x", "1"], "awk: unknown option -x\n"
             "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n"),
        ]
        for args, msg in cases:
            with self.subTest(args=args):
                r = self.run_awk(args)
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stdout, "")
                if msg is None:
                    self.assertTrue(r.stderr.startswith("awk: bad regular expression /a(/"),
                                    r.stderr)
                else:
                    self.assertEqual(r.stderr, msg)

    def test_error_flushes_output_first(self):
        r = self.run_awk(["{print $1; if (NR == 2) print 1/0}"], "a\nb\nc\n")
        self.assertEqual((r.stdout, r.returncode), ("a\nb\n", 2))
        self.assertEqual(r.stderr, "awk: division by zero at source line 1\n")


if __name__ == "__main__":
    unittest.main()

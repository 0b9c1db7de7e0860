"""Host unit test of the protocol table: include/minnow/com.h's list of message-type ranges
and the rule every protocol header follows (stated in com.h itself):

  - com.h's range block has one #define per range, sorted by number, whose comment starts
    with "FIRST-LAST PREFIX...:"; the base is the range's first number; no two ranges overlap;
  - no other header defines a base of the table (or any *_BASE inside the message space);
  - a macro written with a base (directly or through other macros) is a message type of that
    base's protocol: its value lies in the base's range, it names one base only, and if its
    name carries a protocol's prefix, that protocol owns the base;
  - a macro with a protocol's prefix whose value is a bare number inside that protocol's
    range is an error (it must be written BASE + n);
  - the kernel-call numbers (KERNEL_CALL + SYS_*, up to NR_SYS_CALLS) fit their range.

The checker reads header text, so the tests also feed it doctored headers (an overlapping
range, a stray constant, ...) to show that each check can fail.

Run from the repository root:  python3 -m unittest tools.tests.test_protocols
"""

import glob
import os
import re
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
INCLUDE = os.path.join(ROOT, "include", "minnow")

# Message types live below this number (TEST_RQ_BASE's range ends at 0x1FFF).
MESSAGE_SPACE_END = 0x2000

RANGE_LINE = re.compile(
    r"^#define\s+(\w+)\s+(0x[0-9A-Fa-f]+)\s+/\*\*<\s*(0x[0-9A-Fa-f]+)-(0x[0-9A-Fa-f]+)\s+"
    r"([A-Z_ ]+):")
DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)(\([^)]*\))?[ \t]*(.*)$")
IDENT = re.compile(r"[A-Za-z_]\w*")


class Range:
    """One line of the table: base name, first and last number, name prefixes."""

    def __init__(self, name, base, first, last, prefixes):
        self.name, self.base, self.first, self.last = name, base, first, last
        self.prefixes = prefixes

    def __contains__(self, value):
        return self.first <= value <= self.last

    def __repr__(self):
        return "%s [%#x-%#x]" % (self.name, self.first, self.last)


def strip_comments(text):
    """C text without comments (a comment becomes one space) and with lines joined."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return text.replace("\\\n", " ")


def parse_ranges(com_text):
    """The range block of com.h: (list of Range, list of errors)."""
    errors, ranges = [], []
    start = com_text.find("/* ---- Protocol ranges")
    end = com_text.find("/* ---- ", start + 1)
    if start < 0 or end < 0:
        return [], ["com.h: no '---- Protocol ranges' block"]
    for line in com_text[start:end].splitlines():
        if not line.startswith("#define"):
            continue
        m = RANGE_LINE.match(line)
        if not m:
            errors.append("com.h: range line not in the table's format: %s" % line.strip())
            continue
        name, base, first, last, prefixes = m.groups()
        r = Range(name, int(base, 16), int(first, 16), int(last, 16), prefixes.split())
        if r.base != r.first:
            errors.append("com.h: %s is %#x but its range starts at %#x" % (name, r.base, r.first))
        if r.last < r.first:
            errors.append("com.h: %s's range ends before it starts" % name)
        ranges.append(r)
    for a, b in zip(ranges, ranges[1:]):
        if b.first < a.first:
            errors.append("com.h: %s is not sorted by number (after %s)" % (b.name, a.name))
    for i, a in enumerate(ranges):
        for b in ranges[i + 1:]:
            if a.first <= b.last and b.first <= a.last:
                errors.append("com.h: ranges overlap: %r and %r" % (a, b))
    if not ranges:
        errors.append("com.h: the range block lists no range")
    return ranges, errors


def parse_macros(headers):
    """{name: (file, params or None, body)} of every #define in headers {file: text}."""
    macros = {}
    for path, text in headers.items():
        for line in strip_comments(text).splitlines():
            m = DEFINE.match(line)
            if m:
                params = None
                if m.group(2) is not None:
                    params = [p.strip() for p in m.group(2)[1:-1].split(",") if p.strip()]
                macros.setdefault(m.group(1), (path, params, m.group(3).strip()))
    return macros


def split_args(text, i):
    """Arguments of the call whose '(' is at text[i]: (list of args, index after ')')."""
    depth, args, cur = 0, [], ""
    for j in range(i, len(text)):
        c = text[j]
        if c == "(":
            depth += 1
            if depth == 1:
                continue
        elif c == ")":
            depth -= 1
            if depth == 0:
                args.append(cur.strip())
                return args, j + 1
        elif c == "," and depth == 1:
            args.append(cur.strip())
            cur = ""
            continue
        cur += c
    raise ValueError("unbalanced parentheses")


def expand(text, macros, seen, bases):
    """Macro-expand text; the names of table bases met on the way are added to bases."""
    out, i = "", 0
    while i < len(text):
        m = IDENT.match(text, i)
        if not m:
            out += text[i]
            i += 1
            continue
        name, i = m.group(0), m.end()
        if name in macros and name not in seen:
            _, params, body = macros[name]
            if params is None:
                if name in bases:
                    bases[name] = True
                out += "(" + expand(body, macros, seen | {name}, bases) + ")"
                continue
            k = i
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == "(":
                args, i = split_args(text, k)
                args = [expand(a, macros, seen, bases) for a in args]
                for p, a in zip(params, args):
                    body = re.sub(r"\b%s\b" % re.escape(p), "(" + a + ")", body)
                out += "(" + expand(body, macros, seen | {name}, bases) + ")"
                continue
        out += name
    return out


def evaluate(name, macros, ranges):
    """(value or None, names of the table's bases it is written with)."""
    bases = {r.name: False for r in ranges}
    try:
        text = expand(name, macros, set(), bases)
    except ValueError:
        return None, []
    text = re.sub(r"\b(0[xX][0-9A-Fa-f]+|\d+)[uUlL]+\b", r"\1", text)
    if not re.fullmatch(r"[0-9A-Fa-fxX()+\-*/<>|&~ \t]*", text):
        return None, [b for b, used in bases.items() if used]
    try:
        value = eval(text.replace("/", "//"), {"__builtins__": {}})  # digits and operators only
    except Exception:  # noqa: BLE001 - anything that is not a number is not a message type
        value = None
    return value, [b for b, used in bases.items() if used]


def prefix_owners(name, ranges):
    """The ranges whose longest matching prefix is the prefix of name."""
    best = max((len(p) for r in ranges for p in r.prefixes if name.startswith(p)), default=0)
    return [r for r in ranges for p in r.prefixes if best and len(p) == best and name.startswith(p)]


def check_headers(headers):
    """All the table's checks over headers {path: text}, com.h among them; list of errors."""
    com = [p for p in headers if os.path.basename(p) == "com.h"]
    if len(com) != 1:
        return ["no single com.h among the headers"]
    ranges, errors = parse_ranges(headers[com[0]])
    by_name = {r.name: r for r in ranges}
    for path, text in sorted(headers.items()):
        for name in parse_macros({path: text}):
            if path != com[0] and name in by_name:
                errors.append("%s: defines %s, a base of com.h's table" % (path, name))
    macros = parse_macros(headers)
    for name, (path, params, _body) in sorted(macros.items()):
        if params is not None or name in by_name:
            continue
        value, bases = evaluate(name, macros, ranges)
        owners = prefix_owners(name, ranges)
        if path != com[0] and name.endswith("_BASE") and not bases and value is not None \
                and 0 <= value < MESSAGE_SPACE_END:
            errors.append("%s: %s = %#x: a protocol base outside com.h's table"
                          % (path, name, value))
        if not bases:
            for r in owners:
                if value is not None and value in r:
                    errors.append("%s: %s = %#x is a bare number in %r: write it as (%s + %d)"
                                  % (path, name, value, r, r.name, value - r.first))
            continue
        if len(bases) > 1:
            errors.append("%s: %s is written with several bases: %s"
                          % (path, name, ", ".join(sorted(bases))))
            continue
        r = by_name[bases[0]]
        if value is None:
            errors.append("%s: %s is written with %s but is not a number" % (path, name, r.name))
        elif value not in r:
            errors.append("%s: %s = %#x lies outside its protocol's range %r"
                          % (path, name, value, r))
        if owners and r not in owners:
            errors.append("%s: %s carries the prefix of %s but is written with %s"
                          % (path, name, owners[0].name, r.name))
    kc = by_name.get("KERNEL_CALL")
    nr, _ = evaluate("NR_SYS_CALLS", macros, ranges)
    if kc is None or nr is None or kc.first + nr - 1 not in kc:
        errors.append("com.h: KERNEL_CALL + NR_SYS_CALLS does not fit the kernel-call range")
    return errors


def read_tree_headers():
    """{path: text} of include/minnow/*.h."""
    headers = {}
    for path in sorted(glob.glob(os.path.join(INCLUDE, "*.h"))):
        with open(path, encoding="utf-8") as f:
            headers[os.path.relpath(path, ROOT)] = f.read()
    return headers


class TreeTest(unittest.TestCase):
    """The tree's own headers obey the table."""

    def test_tree_headers_follow_the_table(self):
        headers = read_tree_headers()
        self.assertEqual(check_headers(headers), [])

    def test_table_lists_every_protocol(self):
        with open(os.path.join(INCLUDE, "com.h"), encoding="utf-8") as f:
            ranges, errors = parse_ranges(f.read())
        self.assertEqual(errors, [])
        names = {r.name for r in ranges}
        for base in ("CDEV_RQ_BASE", "BDEV_RQ_BASE", "KERNEL_CALL", "RS_RQ_BASE", "DS_RQ_BASE",
                     "PM_BASE", "VFS_BASE", "VFS_PM_BASE", "VM_RQ_BASE", "FS_BASE",
                     "NOTIFY_BASE", "TEST_RQ_BASE", "DL_RQ_BASE", "BUSC_RQ_BASE",
                     "SDEV_RQ_BASE"):
            self.assertIn(base, names)

    def test_message_numbers_are_unchanged(self):
        """The table moved the bases, it did not renumber them."""
        headers = read_tree_headers()
        com = [r for r in parse_ranges(headers["include/minnow/com.h"])[0]]
        macros = parse_macros(headers)
        expect = {"CDEV_OPEN": 0x400, "CDEV_REPLY": 0x480, "BDEV_OPEN": 0x500,
                  "BDEV_REPLY": 0x580, "RS_INIT": 0x714, "DS_PUBLISH": 0x800,
                  "PM_EXIT": 0x901, "VFS_READ": 0xA00, "VFS_PM_INIT": 0xB00,
                  "VFS_PM_EXEC_REPLY": 0xB83, "VM_PAGEFAULT": 0xCFF,
                  "REQ_READSUPER": 0xE00, "NOTIFY_MESSAGE": 0x1000}
        for name, value in expect.items():
            self.assertEqual(evaluate(name, macros, com)[0], value, name)


class DoctoredTest(unittest.TestCase):
    """Every check fails on a header doctored to break it."""

    def setUp(self):
        self.headers = read_tree_headers()
        self.com = "include/minnow/com.h"

    def errors_with(self, path, old, new):
        headers = dict(self.headers)
        self.assertIn(old, headers[path], "the doctoring no longer applies")
        headers[path] = headers[path].replace(old, new, 1)
        return check_headers(headers)

    def add_to(self, path, text):
        headers = dict(self.headers)
        headers[path] = headers.get(path, "") + "\n" + text + "\n"
        return check_headers(headers)

    def assertError(self, errors, fragment):
        self.assertTrue(any(fragment in e for e in errors), "no %r in %r" % (fragment, errors))

    def test_overlapping_range(self):
        errors = self.errors_with(self.com, "0x800-0x8FF DS_", "0x800-0x93F DS_")
        self.assertError(errors, "ranges overlap")

    def test_range_not_at_its_base(self):
        errors = self.errors_with(self.com, "0x900-0x9FF PM_", "0x910-0x9FF PM_")
        self.assertError(errors, "its range starts at")

    def test_unsorted_table(self):
        line = [l for l in self.headers[self.com].splitlines() if l.startswith("#define PM_BASE")]
        errors = self.errors_with(self.com, line[0] + "\n", "")
        errors += self.errors_with(self.com, "#define DL_RQ_BASE", line[0] + "\n#define DL_RQ_BASE")
        self.assertError(errors, "not sorted")

    def test_malformed_range_line(self):
        errors = self.errors_with(self.com, "/**< 0x900-0x9FF PM_:", "/**< PM's calls:")
        self.assertError(errors, "not in the table's format")

    def test_constant_outside_its_range(self):
        errors = self.add_to("include/minnow/pm.h", "#define PM_STRAY (PM_BASE + 0x100)")
        self.assertError(errors, "PM_STRAY = 0xa00 lies outside")

    def test_constant_through_a_function_macro(self):
        errors = self.errors_with("include/minnow/vfs.h", "((rq) + 0x80)", "((rq) + 0x100)")
        self.assertError(errors, "VFS_PM_INIT_REPLY = 0xc00 lies outside")

    def test_bare_number_in_a_range(self):
        errors = self.add_to("include/minnow/vm.h", "#define VM_STRAY 0xC42")
        self.assertError(errors, "VM_STRAY = 0xc42 is a bare number")

    def test_prefix_of_another_protocol(self):
        errors = self.add_to("include/minnow/vm.h", "#define VM_STRAY (DS_RQ_BASE + 9)")
        self.assertError(errors, "carries the prefix of VM_RQ_BASE but is written with DS_RQ_BASE")

    def test_two_bases(self):
        errors = self.add_to("include/minnow/ds.h", "#define DS_STRAY (DS_RQ_BASE + PM_BASE)")
        self.assertError(errors, "several bases")

    def test_base_defined_outside_com_h(self):
        errors = self.add_to("include/minnow/pm.h", "#define PM_BASE 0x900")
        self.assertError(errors, "a base of com.h's table")
        errors = self.add_to("include/minnow/vm.h", "#define PCI_BASE 0x1200")
        self.assertError(errors, "a protocol base outside com.h's table")

    def test_kernel_calls_overflow(self):
        errors = self.errors_with(self.com, "#define NR_SYS_CALLS    57", "#define NR_SYS_CALLS 300")
        self.assertError(errors, "does not fit the kernel-call range")


if __name__ == "__main__":
    unittest.main()

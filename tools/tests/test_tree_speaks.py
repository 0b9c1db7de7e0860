"""Host unit test: the tree sends readers only to what they have, and promises nothing.

Two rules of handouts/house.md ("Finding what is missing"), checked on every file git tracks
(without git: every file but build/ and .git/):
  - no file names the course staff's design notes or house plan, which students do not
    have: the words checked are in FORBIDDEN below; the course's reference is handouts/;
  - no comment promises work to a "later" or "next" issue: a missing feature is written
    "not implemented: ..." where it would be, so that grep finds every gap.
A third check keeps the citations that replaced those notes true: every
`handouts/<page>.md, "Section"` outside handouts/ names a page that exists and a heading of
it (the heading's text without its number; a citation may quote only the part before a
colon, as in "Mapped memory" for "Mapped memory: DSF_TYPE_MAP").

The phrases are assembled from pieces so that this file does not match itself.  The
checkers also run on doctored text and on a doctored git tree, to show that they fail.

Run from the repository root:  python3 -m unittest tools.tests.test_tree_speaks
"""

import os
import re
import subprocess
import tempfile
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SKIP_DIRS = {"build", ".git", "__pycache__"}

# (what is wrong, pattern); matched case-insensitively
FORBIDDEN = [
    ("cites the staff's design notes", "minix" + "-design"),
    ("points at the staff's house plan", "architecture" + r"\.md"),
    ("promises a later " + "issue", r"later\s+" + "issue"),
    ("promises the next " + "issue", r"next\s+" + "issue"),
]
FORBIDDEN_RE = [(why, re.compile(pattern, re.I)) for why, pattern in FORBIDDEN]

CITATION = re.compile(r'handouts/([a-z0-9-]+\.md)((?:,? (?:and )?"[^"]+")*)')
COMMENT_PREFIX = re.compile(r"^\s*(?:/\*\*?|\*|#|//)?\s?")
HEADING = re.compile(r"#+ (?:\d+\. )?(.*?)(?: \{#[\w-]+\})?$")


def tree_files(root=ROOT):
    """Relative paths of the files git tracks in root, or of every file outside SKIP_DIRS
    when root is not a git work tree."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            rel = os.path.relpath(dirpath, root)
            names += [n if rel == "." else os.path.join(rel, n) for n in filenames]
    return sorted(n for n in names if os.path.isfile(os.path.join(root, n)))


def read(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
        return f.read()


def forbidden_in(text):
    """(line number, what is wrong, the line) for each forbidden phrase in text.  A phrase
    broken over two lines of a comment is found too (reported at its first line)."""
    found = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        joined = line + " " + (COMMENT_PREFIX.sub("", lines[i + 1]) if i + 1 < len(lines) else "")
        for why, pattern in FORBIDDEN_RE:
            match = pattern.search(joined)
            if match and match.start() < len(line):
                found.append((i + 1, why, line.strip()))
    return found


def forbidden_in_tree(root=ROOT):
    """'path:line: what is wrong: the line' for every forbidden phrase of the tree."""
    return ["%s:%d: %s: %s" % (rel, n, why, line)
            for rel in tree_files(root) for n, why, line in forbidden_in(read(root, rel))]


# A merge left unresolved: git's conflict markers at the start of a line (built from pieces so
# that this file does not match itself).
CONFLICT_MARKER = re.compile(r"^(?:%s |%s$|%s )" % ("<" * 7, "=" * 7, ">" * 7), re.M)


def conflict_markers_in_tree(root=ROOT):
    """'path:line' for every line of the tree that is a merge-conflict marker."""
    return ["%s:%d" % (rel, read(root, rel).count("\n", 0, m.start()) + 1)
            for rel in tree_files(root) for m in CONFLICT_MARKER.finditer(read(root, rel))]


def handout_headings(root=ROOT):
    """{page name: [heading text without its number and anchor]} of handouts/."""
    pages = {}
    directory = os.path.join(root, "handouts")
    for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
        if name.endswith(".md"):
            pages[name] = [m.group(1) for m in map(HEADING.match, read(directory, name).split("\n"))
                           if m]
    return pages


def citations_in(text):
    """(page, [section titles]) of every handouts/<page>.md citation in text, comment
    prefixes of continuation lines removed."""
    flat = " ".join(COMMENT_PREFIX.sub("", line) for line in text.split("\n"))
    flat = re.sub(r"\s+", " ", flat)
    return [(m.group(1), re.findall(r'"([^"]+)"', m.group(2))) for m in CITATION.finditer(flat)]


def bad_citations(text, pages):
    """What is wrong with each citation in text, given handout_headings()."""
    bad = []
    for page, titles in citations_in(text):
        if page not in pages:
            bad.append("no page handouts/%s" % page)
            continue
        for title in titles:
            if not any(h == title or h.startswith(title + ":") for h in pages[page]):
                bad.append('no section "%s" in handouts/%s' % (title, page))
    return bad


class TreeSpeaksTest(unittest.TestCase):

    def test_tree_is_listed(self):
        files = set(tree_files())
        for name in ("kernel/main.c", "handouts/house.md", "README.md", "Makefile"):
            self.assertTrue(name in files, name)
        self.assertGreater(len(files), 300)

    def test_no_forbidden_phrase_in_tree(self):
        self.assertEqual(forbidden_in_tree(), [])

    def test_no_merge_conflict_marker_in_tree(self):
        self.assertEqual(conflict_markers_in_tree(), [])

    def test_conflict_checker_sees_markers(self):
        text = "a\n%s HEAD\nb\n%s\nc\n%s branch\n" % ("<" * 7, "=" * 7, ">" * 7)
        self.assertEqual(len(CONFLICT_MARKER.findall(text)), 3)
        self.assertEqual(CONFLICT_MARKER.findall("a <<< b\n==== c\n"), [])

    def test_citations_name_real_sections(self):
        pages = handout_headings()
        self.assertIn("pm.md", pages)
        self.assertIn("The PM <-> VFS protocol", pages["pm.md"])
        bad = []
        for rel in tree_files():
            if not rel.startswith("handouts/") and not rel.startswith("tools/tests/"):
                bad += ["%s: %s" % (rel, b) for b in bad_citations(read(ROOT, rel), pages)]
        self.assertEqual(bad, [])

    def test_checker_sees_each_phrase(self):
        doctored = [
            " * (" + "minix" + "-design.md section 12.3)",
            "# the house plan in ../shared/design/ARCHITECTURE" + ".md",
            " * restarting it is the next " + "issue's work",
            "/**< live update (later " + "issue) */",
            " * Services will read it in a LATER " + "ISSUE.",
            " * come in a later\n *                    " + "issues; so does the heartbeat",
        ]
        for text in doctored:
            self.assertTrue(forbidden_in(text), text)
        self.assertEqual(forbidden_in(doctored[0])[0][:2], (1, "cites the staff's design notes"))

    def test_checker_lets_plain_words_through(self):
        for text in ["answered later", "the issue of a grant", "not implemented: restarts",
                     "set architecture i386", "a later CDEV_SEL2_REPLY", "see handouts/house.md"]:
            self.assertEqual(forbidden_in(text), [], text)

    def test_checker_fails_on_a_doctored_tree(self):
        with tempfile.TemporaryDirectory() as tmp:
            def git(*args):
                subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                               cwd=tmp, check=True, capture_output=True)
            git("init", "-q")
            with open(os.path.join(tmp, "clean.c"), "w") as f:
                f.write("/* not implemented: live update */\n")
            with open(os.path.join(tmp, "stale.h"), "w") as f:
                f.write("/*\n * heartbeat: a later\n * issue\n */\n")
            with open(os.path.join(tmp, "untracked.c"), "w") as f:
                f.write("/* " + "minix" + "-design.md */\n")
            git("add", "clean.c", "stale.h")
            self.assertEqual(tree_files(tmp), ["clean.c", "stale.h"])
            self.assertEqual(forbidden_in_tree(tmp),
                             ["stale.h:2: promises a later " + "issue: * heartbeat: a later"])

    def test_citation_checker_sees_wrong_citations(self):
        pages = {"pm.md": ["PM: processes", "The PM <-> VFS protocol", "exec"],
                 "ds.md": ["Mapped memory: DSF_TYPE_MAP"]}
        good = ' * (minnow/vfs.h;\n * handouts/pm.md, "The PM <-> VFS protocol")\n' \
               '# (handouts/ds.md, "Mapped memory"; handouts/pm.md)'
        self.assertEqual(bad_citations(good, pages), [])
        self.assertEqual(bad_citations(' * (handouts/pm.md, "fork" and "exec")', pages),
                         ['no section "fork" in handouts/pm.md'])
        self.assertEqual(bad_citations(" * (handouts/vmm.md)", pages), ["no page handouts/vmm.md"])
        self.assertEqual(bad_citations(' * handouts/ds.md, "Mapped"', pages),
                         ['no section "Mapped" in handouts/ds.md'])


if __name__ == "__main__":
    unittest.main()

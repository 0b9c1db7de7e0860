#!/usr/bin/env python3
# labstrip: skip-file   (this file talks about markers; the tree scanner must not read it)
"""Lab markers: parse them, check them, and strip a lab out of a source tree.

Minnow ships as one master tree with every lab solved.  A region that a student
reimplements is fenced by three marker lines naming its lab:

    /* LAB(boot) BEGIN: optional description */
        ...the solution, live code in the master tree...
    /* LAB(boot) STUB */
    //~ ...stub lines, commented out in the master tree...
    /* LAB(boot) END */

A marker is a line holding nothing but one comment.  The comment may be
written ``/* ... */`` or ``// ...`` in C and cpp-processed assembly (.c, .h,
.S) and ``# ...`` in Python, shell and make files.  Stub lines carry the prefix
``//~`` (C, assembly) or ``#~`` (Python, shell, make) after their indentation,
followed by one space and the stub text, so they are inert in the master tree.

Stripping lab X keeps X's BEGIN and END lines, drops the solution and the STUB
line, and uncomments the stub lines (the prefix and the one space after it go;
the indentation stays).  Regions of other labs are left exactly as they are:
labs are independent, any handout strips one lab only.

A stripped tree records the labs stripped from it in ``STAMP_NAME`` at its root,
so that stripping it again changes nothing, and so that a region of a stripped
lab, which no longer has a STUB line, is not reported as broken.

Entry points (library):
    parse_regions(text, path)          -> list of Region, or raises LabError
    strip_text(text, lab, path, ...)   -> the text with that lab stripped
    scan_tree(root)                    -> {relative path: [Region, ...]}
    load_manifests(root)               -> {lab name: manifest dict}
    check_tree(root, stripped=...)     -> list of "file:line: message" errors
    strip_tree(root, lab)              -> the files changed (and writes the stamp)

Command line (run from anywhere; --root defaults to the tree holding this file):
    labstrip.py check                  check every marker and every manifest
    labstrip.py list [--json]          the labs, their regions and files
    labstrip.py strip --lab X --root DIR     strip lab X in place (not in a git work tree
                                             unless --force)
    labstrip.py strip-file --lab X FILE      print FILE with lab X stripped
"""

import argparse
import json
import os
import re
import subprocess
import sys

#: File at the root of a stripped tree naming the labs already stripped from it.
STAMP_NAME = ".lab-handout.json"

#: Marker comment styles and the stub prefix of each language family.
C_FAMILY = {"comments": ("/*", "//"), "stub": "//~"}
HASH_FAMILY = {"comments": ("#",), "stub": "#~"}

#: Which files may hold markers, by file name suffix, and their language family.
#: Files of any other kind are never read by the stripper.
LANGUAGES = {
    ".c": C_FAMILY,
    ".h": C_FAMILY,
    ".S": C_FAMILY,
    ".py": HASH_FAMILY,
    ".sh": HASH_FAMILY,
    ".mk": HASH_FAMILY,
    "Makefile": HASH_FAMILY,
}

#: A file whose first lines contain this text is not scanned for markers (for
#: the stripper's own sources and tests, which quote markers as data).
SKIP_PRAGMA = "labstrip: skip-file"
SKIP_PRAGMA_LINES = 5

#: Top-level directories never scanned or copied (nor are .git/ and __pycache__/ anywhere).
IGNORED_DIRS = {".git", "build"}

_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
_BODY = r"LAB\((?P<lab>" + _NAME + r")\)\s+(?P<kind>BEGIN|STUB|END)\b(?P<rest>.*?)"
_MARKER_RES = {
    "/*": re.compile(r"^\s*/\*\s*" + _BODY + r"\s*\*/\s*$"),
    "//": re.compile(r"^\s*//(?!~)\s*" + _BODY + r"\s*$"),
    "#": re.compile(r"^\s*#(?!~)\s*" + _BODY + r"\s*$"),
}
# Anything that mentions a marker word; used to catch markers that are not
# alone on their line, misspelt, or written in the wrong comment style.
_LOOSE_RE = re.compile(r"LAB\s*\(\s*[^)\s]*\s*\)\s*(BEGIN|STUB|END)\b", re.IGNORECASE)
_DESCRIPTION_RE = re.compile(r"^(?:\s*:\s*(?P<text>.*)|)$")


class LabError(Exception):
    """One or more marker or manifest errors, each a "file:line: message" string."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class Region:
    """One lab region of a file.  Line numbers count from 1; stub is None in a
    region that has been stripped already."""

    def __init__(self, lab, path, begin, stub, end, description):
        self.lab = lab
        self.path = path
        self.begin = begin
        self.stub = stub
        self.end = end
        self.description = description

    def __repr__(self):
        return "Region(%s, %s:%d-%d)" % (self.lab, self.path, self.begin, self.end)

    def as_dict(self):
        return {"lab": self.lab, "file": self.path, "begin": self.begin,
                "stub": self.stub, "end": self.end, "description": self.description}


def language_of(path):
    """The language family of a file (C_FAMILY or HASH_FAMILY), or None if the
    stripper does not read files of that kind."""
    base = os.path.basename(path)
    if base in LANGUAGES:
        return LANGUAGES[base]
    return LANGUAGES.get(os.path.splitext(base)[1])


def parse_marker(line, language):
    """Return (lab, kind, description) if line is a marker, else None.

    Raises ValueError with a message if the line mentions a marker but is not
    a well-formed one (text beside it, wrong comment style, lower case...)."""
    if not _LOOSE_RE.search(line):
        return None
    for style, regex in _MARKER_RES.items():
        match = regex.match(line)
        if not match:
            continue
        if style not in language["comments"]:
            raise ValueError("a %s comment cannot hold a marker in this kind of file "
                             "(use %s)" % (style, " or ".join(language["comments"])))
        desc = _DESCRIPTION_RE.match(match.group("rest"))
        if desc is None:
            raise ValueError("text after the marker must follow a colon: "
                             "LAB(%s) %s: description" % (match.group("lab"), match.group("kind")))
        if match.group("kind") != "BEGIN" and desc.group("text"):
            raise ValueError("only a BEGIN marker takes a description")
        return match.group("lab"), match.group("kind"), (desc.group("text") or "").strip()
    raise ValueError("malformed lab marker: a marker is a line holding only a comment "
                     "with LAB(name) BEGIN, STUB or END")


def _stub_re(language):
    return re.compile(r"^(?P<indent>[ \t]*)" + re.escape(language["stub"]) + r"(?: (?P<text>.*)|)$")


def _split_lines(text):
    """The lines of text, each with its newline; only "\n" ends a line (a form
    feed or other separator that str.splitlines honours does not)."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def parse_regions(text, path="<text>", stripped=()):
    """Find the lab regions of one file's text.

    stripped names labs already stripped from this text: their regions may lack a
    STUB line.  Every other region needs one.  Raises LabError listing every
    problem found, each as "path:line: message"."""
    language = language_of(path) or C_FAMILY
    stub_re = _stub_re(language)
    errors = []
    regions = []
    current = None           # the open region: [lab, begin line, stub line or None, description]
    for number, line in enumerate(_split_lines(text), 1):
        line = line.rstrip("\r\n")
        where = "%s:%d: " % (path, number)
        try:
            marker = parse_marker(line, language)
        except ValueError as exc:
            errors.append(where + str(exc))
            continue
        if marker is not None:
            current = _on_marker(marker, current, number, path, stripped, regions, errors)
        elif current is not None and current[2] is not None and line.strip() \
                and not stub_re.match(line):
            errors.append(where + "between LAB(%s) STUB and END every line must be a stub "
                          "line starting with '%s ' (or blank)" % (current[0], language["stub"]))
    if current is not None:
        errors.append("%s:%d: LAB(%s) BEGIN has no END (unbalanced markers)"
                      % (path, current[1], current[0]))
    if errors:
        raise LabError(errors)
    return regions


def _on_marker(marker, current, number, path, stripped, regions, errors):
    """One step of parse_regions: a marker line.  Returns the region open after it."""
    lab, kind, description = marker
    where = "%s:%d: " % (path, number)
    if kind == "BEGIN":
        if current is None:
            return [lab, number, None, description]
        errors.append(where + "LAB(%s) BEGIN nested inside the LAB(%s) region opened "
                      "at line %d: regions do not nest" % (lab, current[0], current[1]))
    elif current is None:
        errors.append(where + "LAB(%s) %s without a BEGIN before it" % (lab, kind))
    elif lab != current[0]:
        errors.append(where + "LAB(%s) %s inside the LAB(%s) region opened at line %d"
                      % (lab, kind, current[0], current[1]))
    elif kind == "STUB":
        if current[2] is None:
            current[2] = number
        else:
            errors.append(where + "second LAB(%s) STUB in the region opened at line %d "
                          "(first at line %d)" % (lab, current[1], current[2]))
    else:
        if current[2] is None and lab not in stripped:
            errors.append("%s:%d: LAB(%s) region has no STUB line before its END at line %d"
                          % (path, current[1], lab, number))
        regions.append(Region(lab, path, current[1], current[2], number, current[3]))
        return None
    return current


def strip_text(text, lab, path="<text>", stripped=()):
    """Return text with lab's regions stripped: solution and STUB line removed,
    stub lines uncommented.  Other labs' regions are untouched.  Regions of lab
    that are already stripped (no STUB line) are allowed only if lab is in
    stripped, and are left as they are."""
    regions = parse_regions(text, path, stripped)
    language = language_of(path) or C_FAMILY
    stub_re = _stub_re(language)
    lines = _split_lines(text)
    out = []
    position = 0             # next input line index (0-based) to copy
    for region in regions:
        if region.lab != lab or region.stub is None:
            continue
        out.extend(lines[position:region.begin])        # up to and including BEGIN
        for line in lines[region.stub:region.end - 1]:  # the stub lines
            body = line.rstrip("\r\n")
            ending = line[len(body):]
            match = stub_re.match(body)
            if match:
                text = match.group("text")
                out.append((match.group("indent") + text if text else "") + ending)
            else:
                out.append(line)                        # a blank line stays blank
        position = region.end - 1                       # END line is copied next
    out.extend(lines[position:])
    return "".join(out)


# --------------------------------------------------------------------------
# Trees and manifests

def read_stamp(root):
    """The labs already stripped from the tree at root (empty for a master tree)."""
    try:
        with open(os.path.join(root, STAMP_NAME), encoding="utf-8") as stamp:
            return set(json.load(stamp).get("stripped", []))
    except FileNotFoundError:
        return set()


def write_stamp(root, labs):
    """Record that labs are stripped from the tree at root."""
    with open(os.path.join(root, STAMP_NAME), "w", encoding="utf-8") as stamp:
        json.dump({"stripped": sorted(labs),
                   "note": "written by tools/labs: the labs whose solutions were removed "
                           "from this tree"}, stamp, indent=2)
        stamp.write("\n")


def _skipped(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = [handle.readline() for _ in range(SKIP_PRAGMA_LINES)]
    except OSError:
        return True
    return any(SKIP_PRAGMA in line for line in head)


def tree_files(root):
    """Every file of the tree at root that may hold markers, as sorted relative
    paths (git-tracked and untracked-but-not-ignored files if root is a git work
    tree, otherwise a walk that leaves out build/ and .git/)."""
    return sorted(p for p in list_tree(root) if language_of(p))


def list_tree(root):
    """All files of the tree at root, as relative paths with '/' separators."""
    names = _git_files(root)
    if names is None:
        names = []
        for dirpath, dirnames, filenames in os.walk(root):
            at_top = os.path.samefile(dirpath, root)
            dirnames[:] = sorted(d for d in dirnames if d not in (".git", "__pycache__")
                                 and not (at_top and d in IGNORED_DIRS))
            rel = os.path.relpath(dirpath, root)
            for name in filenames:
                names.append(name if rel == "." else os.path.join(rel, name))
    result = []
    for name in names:
        name = name.replace(os.sep, "/")
        parts = name.split("/")
        if parts[0] in IGNORED_DIRS or "__pycache__" in parts[:-1] or ".git" in parts[:-1]:
            continue
        if os.path.lexists(os.path.join(root, name)):
            result.append(name)
    return sorted(set(result))


def _git_files(root):
    """git's list of the work tree's files, or None if root is not the top of a git work tree."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip()
        if os.path.realpath(top) != os.path.realpath(root):
            return None
        listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                  "--exclude-standard"], cwd=root, capture_output=True,
                                 check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [name for name in listing.decode("utf-8", "surrogateescape").split("\0") if name]


def scan_tree(root, stripped=None, errors=None):
    """Map each file of the tree that holds markers to its regions.

    Errors are appended to errors if a list is given, else raised as LabError."""
    if stripped is None:
        stripped = read_stamp(root)
    found = {}
    problems = []
    for rel in tree_files(root):
        path = os.path.join(root, rel)
        if os.path.islink(path) or _skipped(path):
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError:
            continue
        if not _LOOSE_RE.search(text):
            continue
        try:
            regions = parse_regions(text, rel, stripped)
        except LabError as exc:
            problems.extend(exc.errors)
            continue
        if regions:
            found[rel] = regions
    if errors is not None:
        errors.extend(problems)
    elif problems:
        raise LabError(problems)
    return found


DIFFICULTIES = ("easy", "moderate", "hard")
MANIFEST_KEYS = ("name", "title", "difficulty", "handout", "regions", "tests", "points")


def load_manifests(root, errors=None):
    """Read labs/<name>/manifest.json of the tree at root: {name: manifest}.

    A manifest whose shape is wrong is reported (appended to errors if given,
    else raised as LabError) and left out."""
    labs_dir = os.path.join(root, "labs")
    manifests = {}
    problems = []
    names = sorted(os.listdir(labs_dir)) if os.path.isdir(labs_dir) else []
    for name in names:
        rel = "labs/%s/manifest.json" % name
        path = os.path.join(root, rel)
        if not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                manifest = json.load(handle)
        except ValueError as exc:
            problems.append("%s:1: not valid JSON: %s" % (rel, exc))
            continue
        shape = _manifest_shape_errors(manifest, name)
        if shape:
            problems.extend("%s:1: %s" % (rel, message) for message in shape)
            continue
        manifests[name] = manifest
    if errors is not None:
        errors.extend(problems)
    elif problems:
        raise LabError(problems)
    return manifests


def _manifest_shape_errors(manifest, dirname):
    if not isinstance(manifest, dict):
        return ["a manifest is a JSON object"]
    problems = ["missing key %r" % key for key in MANIFEST_KEYS if key not in manifest]
    if problems:
        return problems
    if manifest["name"] != dirname:
        problems.append("name %r differs from its directory %r" % (manifest["name"], dirname))
    if not isinstance(manifest["regions"], list) or not all(
            isinstance(r, dict) and isinstance(r.get("file"), str) for r in manifest["regions"]):
        problems.append("regions must be a list of objects each with a 'file'")
    if not isinstance(manifest["tests"], list) or not all(
            isinstance(t, str) for t in manifest["tests"]):
        problems.append("tests must be a list of grader test names")
    if not isinstance(manifest["points"], (int, float)) or isinstance(manifest["points"], bool):
        problems.append("points must be a number")
    if manifest["difficulty"] not in DIFFICULTIES:
        problems.append("difficulty must be one of %s" % ", ".join(DIFFICULTIES))
    if not isinstance(manifest["handout"], str):
        problems.append("handout must be the path of the handout page")
    return problems


def check_tree(root, stripped=None):
    """Check every marker of the tree against the manifests and the other way
    round.  Returns a list of "file:line: message" errors (empty if all is well)."""
    if stripped is None:
        stripped = read_stamp(root)
    errors = []
    manifests = load_manifests(root, errors)
    found = scan_tree(root, stripped, errors)
    by_lab = {}
    for rel, regions in found.items():
        for region in regions:
            by_lab.setdefault(region.lab, {}).setdefault(rel, []).append(region)
            if region.lab not in manifests:
                errors.append("%s:%d: LAB(%s) region of an unknown lab (no labs/%s/manifest.json)"
                              % (rel, region.begin, region.lab, region.lab))
    for name, manifest in sorted(manifests.items()):
        errors.extend(_manifest_region_errors(root, name, manifest, by_lab.get(name, {})))
    return errors


def _manifest_region_errors(root, name, manifest, files):
    rel = "labs/%s/manifest.json" % name
    errors = []
    if not files:
        errors.append("%s:1: lab %s has no LAB(%s) region anywhere in the tree" % (rel, name, name))
    if not os.path.isfile(os.path.join(root, manifest["handout"])):
        errors.append("%s:1: handout page %s does not exist" % (rel, manifest["handout"]))
    listed = set()
    for entry in manifest["regions"]:
        target = entry["file"]
        listed.add(target)
        if not os.path.isfile(os.path.join(root, target)):
            errors.append("%s:1: region file %s does not exist" % (rel, target))
        elif target not in files:
            errors.append("%s:1: region file %s has no LAB(%s) marker" % (rel, target, name))
        elif entry.get("function") and not _mentions(os.path.join(root, target),
                                                     entry["function"]):
            errors.append("%s:1: region file %s never mentions function %s"
                          % (rel, target, entry["function"]))
    for target in sorted(set(files) - listed):
        errors.append("%s:%d: LAB(%s) region in a file that %s does not list"
                      % (target, files[target][0].begin, name, rel))
    return errors


def _mentions(path, word):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return re.search(r"\b%s\b" % re.escape(word), handle.read()) is not None


def strip_tree(root, lab):
    """Strip lab from the tree at root in place and record it in the stamp.

    The whole tree is checked first (markers and manifests); any error raises
    LabError and nothing is written.  Returns the relative paths changed."""
    stripped = read_stamp(root)
    errors = check_tree(root, stripped)
    manifests = load_manifests(root, [])
    if lab not in manifests:
        errors.append("labs/%s/manifest.json:1: no such lab (labs known: %s)"
                      % (lab, ", ".join(sorted(manifests)) or "none"))
    if errors:
        raise LabError(errors)
    changed = []
    for rel, regions in sorted(scan_tree(root, stripped).items()):
        if not any(r.lab == lab for r in regions):
            continue
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        new_text = strip_text(text, lab, rel, stripped)
        if new_text != text:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(new_text)
            changed.append(rel)
    write_stamp(root, stripped | {lab})
    return changed


def default_root():
    """The tree this file belongs to (tools/labs/ is two levels down)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# --------------------------------------------------------------------------
# Command line

def _cmd_check(args):
    errors = check_tree(args.root)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print("labstrip: %d error(s)" % len(errors), file=sys.stderr)
        return 1
    found = scan_tree(args.root)
    count = sum(len(r) for r in found.values())
    labs = sorted({r.lab for regions in found.values() for r in regions})
    print("labstrip: %d region(s) in %d file(s), labs: %s; markers and manifests agree"
          % (count, len(found), ", ".join(labs) or "none"))
    return 0


def _cmd_list(args):
    errors = []
    manifests = load_manifests(args.root, errors)
    found = scan_tree(args.root, errors=errors)
    listing = {}
    for name, manifest in sorted(manifests.items()):
        listing[name] = {"title": manifest["title"], "points": manifest["points"],
                         "tests": manifest["tests"], "regions": []}
    for regions in found.values():
        for region in regions:
            listing.setdefault(region.lab, {"regions": []})["regions"].append(region.as_dict())
    if args.json:
        json.dump(listing, sys.stdout, indent=2)
        print()
    else:
        for name, lab in sorted(listing.items()):
            print("%s: %s (%s points)" % (name, lab.get("title", "?"), lab.get("points", "?")))
            for region in lab["regions"]:
                print("    %s:%d-%d %s" % (region["file"], region["begin"], region["end"],
                                          region["description"]))
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


def _cmd_strip(args):
    if os.path.exists(os.path.join(args.root, ".git")) and not args.force:
        print("labstrip: %s is a git work tree (the master tree?); stripping it in place "
              "would delete solutions. Use tools/labs/handout.py, or --force." % args.root,
              file=sys.stderr)
        return 2
    changed = strip_tree(args.root, args.lab)
    print("labstrip: lab %s stripped in %s (%d file(s) changed)"
          % (args.lab, args.root, len(changed)))
    for rel in changed:
        print("    " + rel)
    return 0


def _cmd_strip_file(args):
    with open(args.file, encoding="utf-8", newline="") as handle:
        text = handle.read()
    sys.stdout.write(strip_text(text, args.lab, args.file, set(args.stripped or ())))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check lab markers and strip labs.")
    parser.add_argument("--root", default=default_root(),
                        help="the tree to work on (default: the tree holding this tool)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check every marker and manifest").set_defaults(func=_cmd_check)
    listing = sub.add_parser("list", help="list labs and their regions")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_cmd_list)
    strip = sub.add_parser("strip", help="strip one lab from a tree, in place")
    strip.add_argument("--lab", required=True)
    strip.add_argument("--force", action="store_true",
                       help="strip even inside a git work tree")
    strip.set_defaults(func=_cmd_strip)
    one = sub.add_parser("strip-file", help="print one file with a lab stripped")
    one.add_argument("--lab", required=True)
    one.add_argument("--stripped", action="append",
                     help="a lab already stripped from the file (may repeat)")
    one.add_argument("file")
    one.set_defaults(func=_cmd_strip_file)
    args = parser.parse_args(argv)
    args.root = os.path.abspath(args.root)
    try:
        return args.func(args)
    except LabError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print("labstrip: %d error(s)" % len(exc.errors), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

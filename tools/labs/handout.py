#!/usr/bin/env python3
# labstrip: skip-file
"""Make the student tree of one lab: `make handout LAB=name`.

The master tree has every lab solved.  This tool copies the tree's files (what
git tracks, plus untracked files that are not ignored; without git, every file
except build/ and .git/) into build/handout/<name>/, then strips that one lab
there with labstrip: its solution regions become the stubs that compile and
fail loudly.  Other labs stay solved, so labs can be handed out in any order.
The labs' mutants (labs/*/mutants.json) quote solution code and are not copied.

Before copying, the master tree's markers and manifests are checked; any
error stops the handout with "file:line: message" lines and nothing written.

Usage:  handout.py NAME [--root MASTER] [--out DIR]     (or --lab NAME)
Entry point for other tools: make_handout(root, lab, out) -> (out, changed files).
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labstrip  # noqa: E402  (after the path set-up above)


def instructor_only(name):
    """Files a student tree never gets: the labs' mutants (labs/<lab>/mutants.json), whose
    find texts quote the solutions."""
    parts = name.split("/")
    return len(parts) == 3 and parts[0] == "labs" and parts[2] == "mutants.json"


def copy_tree(root, out, names=None):
    """Copy the files of the tree at root (labstrip.list_tree) into out, which
    must not exist yet.  Symbolic links are copied as links, modes are kept."""
    if names is None:
        names = labstrip.list_tree(root)
    for rel in names:
        source = os.path.join(root, rel)
        target = os.path.join(out, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        elif os.path.isfile(source):
            shutil.copy2(source, target)
    return names


def _safe_to_replace(path, root):
    """Only a previous handout (it has the stamp) or a directory under the
    master tree's build/ may be deleted and written again."""
    build = os.path.realpath(os.path.join(root, "build")) + os.sep
    return (os.path.exists(os.path.join(path, labstrip.STAMP_NAME))
            or os.path.realpath(path).startswith(build))


def make_handout(root, lab, out=None):
    """Write the handout tree of lab, taken from the master tree at root, to out
    (default root/build/handout/<lab>).  Returns (out, files changed by the strip).
    Raises labstrip.LabError on a marker or manifest error, ValueError if out
    exists and is not a previous handout."""
    root = os.path.abspath(root)
    out = os.path.abspath(out or os.path.join(root, "build", "handout", lab))
    errors = labstrip.check_tree(root)
    if lab not in labstrip.load_manifests(root, []):
        errors.append("labs/%s/manifest.json:1: no such lab" % lab)
    if errors:
        raise labstrip.LabError(errors)
    if os.path.realpath(out) == os.path.realpath(root) or \
            os.path.realpath(root).startswith(os.path.realpath(out) + os.sep):
        raise ValueError("the handout directory %s would contain the master tree" % out)
    if os.path.lexists(out):
        if not _safe_to_replace(out, root):
            raise ValueError("%s exists and is not a handout tree; not replacing it" % out)
        shutil.rmtree(out)
    names = [name for name in labstrip.list_tree(root) if not instructor_only(name)]
    copy_tree(root, out, names)
    # A handout made from a handout keeps the record of what was stripped before.
    labstrip.write_stamp(out, labstrip.read_stamp(root))
    changed = labstrip.strip_tree(out, lab)
    return out, changed


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the student tree of one lab.")
    parser.add_argument("lab_name", nargs="?", metavar="LAB", help="the lab to strip (labs/LAB/)")
    parser.add_argument("--lab", help="the same, as an option")
    parser.add_argument("--root", default=labstrip.default_root(),
                        help="the master tree (default: the tree holding this tool)")
    parser.add_argument("--out", help="where to write it (default ROOT/build/handout/LAB)")
    args = parser.parse_args(argv)
    args.lab = args.lab or args.lab_name
    if not args.lab:
        parser.error("name the lab: handout.py LAB (labs: %s)"
                     % ", ".join(sorted(labstrip.load_manifests(args.root, []))))
    try:
        out, changed = make_handout(args.root, args.lab, args.out)
    except labstrip.LabError as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print("handout: %d error(s); nothing written" % len(exc.errors), file=sys.stderr)
        return 1
    except ValueError as exc:
        print("handout: %s" % exc, file=sys.stderr)
        return 1
    shown = os.path.relpath(out) if not os.path.relpath(out).startswith("..") else out
    print("handout: lab %s written to %s" % (args.lab, shown))
    print("handout: stubbed %d file(s): %s" % (len(changed), ", ".join(changed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

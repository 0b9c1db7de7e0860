#!/usr/bin/env python3
"""compiledb.py - write the compilation database (compile_commands.json) from the build's
command records.

Every compile of the build (the Makefile's compile_c, and the host tools' rule in
tools/mfs/Makefile.inc) leaves next to its output a file <output>.cmd holding the command
exactly as the shell ran it.  `make compile_commands.json` runs

    python3 tools/compiledb.py --directory DIR OUTPUT...

which reads OUTPUT.cmd for every output the build compiles and prints a JSON array with one
entry per command: {"directory", "file", "output", "arguments"} (the clang format; the
arguments are the command split as the shell splits it, so quoted -D values survive).  The
source file is the command's last argument.  A missing record, or a command whose last
argument is not a C or assembly source, is an error: the entry list must be complete.
"""

import argparse
import json
import os
import shlex
import sys

SOURCE_SUFFIXES = (".c", ".S")


def entry(directory, output):
    """The database entry for one compiled output, from output.cmd; raises ValueError."""
    record = output + ".cmd"
    try:
        with open(os.path.join(directory, record), encoding="utf-8") as f:
            command = f.read().strip()
    except OSError as e:
        raise ValueError("%s: no command record (%s)" % (output, e.strerror)) from None
    arguments = shlex.split(command)
    if not arguments or not arguments[-1].endswith(SOURCE_SUFFIXES):
        raise ValueError("%s: the recorded command does not end with a source: %s"
                         % (record, command))
    return {"directory": directory, "file": arguments[-1], "output": output,
            "arguments": arguments}


def database(directory, outputs):
    """The entries for outputs (deduplicated), sorted by source file then output."""
    entries = [entry(directory, o) for o in sorted(set(outputs))]
    return sorted(entries, key=lambda e: (e["file"], e["output"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--directory", default=os.getcwd(),
                    help="the directory the commands run in (default: here)")
    ap.add_argument("outputs", nargs="*", help="compiled outputs (objects, host tools)")
    args = ap.parse_args(argv)
    try:
        entries = database(os.path.abspath(args.directory), args.outputs)
    except ValueError as e:
        print("compiledb.py: %s" % e, file=sys.stderr)
        return 1
    json.dump(entries, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

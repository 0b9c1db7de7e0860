# Command-line entry point: `python3 -m grader [options] [filters...]`.
#
# Loads the test modules, selects tests by filter and lab, builds the tree
# (`make -s all`), runs the tests, prints one line per test, `Score: x/y` and,
# last, `N passed, N failed`.  Exit status: 0 if every test passed, 1 if any
# failed, 2 for usage, test-module or build errors, 128+signal if
# interrupted.

import argparse
import glob
import importlib
import importlib.util
import os
import subprocess
import sys
import time
import traceback

from grader import core, durations, procs, report
from grader.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
TESTS_PACKAGE_DIR = os.path.join(os.path.dirname(__file__), "tests")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m grader",
        description="Boot Minnow in QEMU and grade it.",
        epilog="Environment: MINNOW_QEMU, MINNOW_GDB, MINNOW_KERNEL, "
               "MINNOW_MODULES, MINNOW_TIMEOUT_SCALE, MINNOW_DETERMINISTIC=1, "
               "MINNOW_TESTS_DIR, NO_COLOR.")
    p.add_argument("filters", nargs="*", metavar="FILTER",
                   help="run tests whose name or title contains FILTER "
                        "(case-insensitive; any filter may match)")
    p.add_argument("--lab", nargs="?", const="", default="",
                   help="run only the tests of this lab (and their parents)")
    p.add_argument("--list", action="store_true",
                   help="list the selected tests; do not build or run")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE",
                   help="write results (or, with --list, the list) as JSON; "
                        "'-' or no FILE means standard output")
    p.add_argument("--gradescope", metavar="FILE",
                   help="write Gradescope's results.json")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="run N tests in parallel")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="echo console output live (with -j 1)")
    p.add_argument("--no-build", action="store_true",
                   help="do not run `make -s all` first")
    p.add_argument("--timeout-scale", type=float, metavar="X",
                   help="multiply every timeout by X "
                        "(default: $MINNOW_TIMEOUT_SCALE or 1)")
    p.add_argument("--deterministic", action="store_true",
                   help="run QEMU with -icount shift=0,sleep=off")
    p.add_argument("--tests-dir", metavar="DIR",
                   default=os.environ.get("MINNOW_TESTS_DIR"),
                   help="load test modules from DIR instead of grader/tests")
    p.add_argument("--kernel", metavar="ELF", help="kernel ELF to boot")
    p.add_argument("--update-durations", metavar="RESULTS",
                   help="rewrite grader/durations.json (the order -j N starts tests in: "
                        "longest first) from a --json results file, then exit")
    p.add_argument("--color", choices=("auto", "always", "never"),
                   default="auto", help="colour the OK/FAIL words")
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("-j needs a positive number")
    if args.timeout_scale is not None and args.timeout_scale <= 0:
        p.error("--timeout-scale needs a positive number")
    return args


def make_config(args):
    config = Config()
    if args.timeout_scale is not None:
        config.timeout_scale = args.timeout_scale
    if args.deterministic:
        config.deterministic = True
    if args.kernel:
        config.kernel = args.kernel
    config.verbose = args.verbose
    config.echo_console = args.verbose and args.jobs == 1
    return config


# ----------------------------------------------------------------------------
# Test modules


def load_tests(tests_dir=None):
    """Import every test module: grader/tests/*.py as the grader.tests
    package, or every *.py in tests_dir.  Files starting with '_' are
    helpers and are not imported here."""
    directory = tests_dir or TESTS_PACKAGE_DIR
    if not os.path.isdir(directory):
        raise SystemExit("grader: no test directory %s" % directory)
    for path in sorted(glob.glob(os.path.join(directory, "*.py"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        if not stem.startswith("_"):
            _import_test_module(path, stem, tests_dir is None)


def _import_test_module(path, stem, in_package):
    if in_package:
        importlib.import_module("grader.tests." + stem)
        return
    spec = importlib.util.spec_from_file_location("minnow_tests_" + stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)


# ----------------------------------------------------------------------------
# Build


def build(config, out):
    """Run `make -s all`; True on success (output shown on failure)."""
    try:
        proc = procs.spawn(["make", "-s", "all"], cwd=config.root,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    except FileNotFoundError:
        print("grader: `make` not found", file=out)
        return False
    text, _ = proc.communicate()
    procs.reap_group(proc)
    text = text.decode(errors="replace")
    if text.strip():
        out.write(text if text.endswith("\n") else text + "\n")
    if proc.returncode != 0 and not procs.aborting():
        print("grader: build failed (`make -s all` exited with status %d)"
              % proc.returncode, file=out)
    return proc.returncode == 0


# ----------------------------------------------------------------------------
# Main


def list_tests(args, tests):
    if args.json:
        report.write(args.json, report.list_json(tests))
    else:
        print(report.list_text(tests))
    return EXIT_OK


def run_tests(args, config, tests, out):
    color = {"auto": None, "always": True, "never": False}[args.color]
    printer = core.Printer(config, out, color,
                           incremental=args.jobs == 1 and not args.verbose)
    started = time.monotonic()
    run = core.Run(config, tests, args.jobs, printer.started, printer.done)
    outcomes = run.run_all()
    if procs.aborting():
        printer.print("grader: interrupted (signal %d); QEMU stopped"
                      % procs.signal_received())
    printer.summary(outcomes, tests, ordered_recap=args.jobs > 1)
    write_reports(args, outcomes, tests, time.monotonic() - started)
    if procs.aborting():
        return 128 + procs.signal_received()
    all_passed = len(outcomes) == len(tests) and all(o.passed for o in outcomes)
    return EXIT_OK if all_passed else EXIT_FAILED


def write_reports(args, outcomes, tests, elapsed):
    if args.json:
        report.write(args.json, report.results(outcomes, tests))
    if args.gradescope:
        report.write(args.gradescope,
                     report.gradescope(outcomes, tests, elapsed))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.update_durations:
        return durations.main([args.update_durations])
    config = make_config(args)
    try:
        load_tests(args.tests_dir)
    except Exception:
        traceback.print_exc()
        print("grader: a test module failed to load", file=sys.stderr)
        return EXIT_USAGE
    tests = core.REGISTRY.select(args.filters, args.lab)
    if not tests:
        print("grader: " + _describe_selection(args), file=sys.stderr)
        return EXIT_USAGE
    if args.list:
        return list_tests(args, tests)
    procs.install_handlers()
    # Human-readable output goes to stderr if a report goes to stdout.
    out = sys.stderr if "-" in (args.json, args.gradescope) else sys.stdout
    if not args.no_build and not build(config, out):
        return 128 + procs.signal_received() if procs.aborting() else EXIT_USAGE
    return run_tests(args, config, tests, out)


def _describe_selection(args):
    parts = ["lab %r" % args.lab] if args.lab else []
    parts += ["filter %r" % f for f in args.filters]
    if not parts:
        return "no tests are registered"
    return "no tests match: " + ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())

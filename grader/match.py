# Line-oriented regular-expression checks on console output, and the failure
# messages they produce.
#
# A wanted regex passes if it matches the *start* of at least one line
# (re.match on each line); a forbidden ("no") regex fails if it matches the
# start of any line.  On failure the message lists every MISSING regex, shows
# the GOOD (wanted) and BAD (forbidden) lines with two lines of context, and
# ends with the last lines of output, so a student sees what went wrong
# without opening the log.

import re

CONTEXT = 2
TAIL_LINES = 10


class CheckFailure(AssertionError):
    """A test check failed; str() is the explanation shown to the student."""


class Skipped(Exception):
    """The test cannot run on this machine (a host tool is missing); str() says why.  It
    scores nothing and is counted apart from passes and failures."""


def compile_regex(regex):
    """Accept a pattern string or an already compiled pattern."""
    return regex if isinstance(regex, re.Pattern) else re.compile(regex)


def normalize(text):
    """Serial output uses CR LF; matching works on plain LF lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text):
    lines = normalize(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def matching_lines(lines, regex):
    """Indices of the lines whose start matches regex."""
    pattern = compile_regex(regex)
    return [i for i, line in enumerate(lines) if pattern.match(line)]


def tail(text, count=TAIL_LINES, title=None):
    """The last `count` lines of text, indented, under a heading."""
    lines = split_lines(text)
    shown = lines[-count:]
    if title is None and len(shown) == 1:
        title = "last line of console output"
    elif title is None:
        title = "last %d lines of console output" % len(shown)
    if not shown:
        return "(no console output)"
    return "\n".join([title + ":"] + ["    | " + line for line in shown])


def _context_block(lines, tags):
    """Tagged lines with CONTEXT lines around each, '...' between gaps."""
    keep = set()
    for i in tags:
        keep.update(range(max(0, i - CONTEXT), min(len(lines), i + CONTEXT + 1)))
    out, previous = [], None
    for i in sorted(keep):
        if previous is not None and i != previous + 1:
            out.append("    ...")
        out.append("    %-4s | %s" % (tags.get(i, ""), lines[i]))
        previous = i
    return out


def check_lines(text, regexes, no=(), ending=None):
    """Raise CheckFailure unless every regex matches some line and no
    forbidden regex matches any line.  `ending` (optional) describes how the
    boot ended and is shown with the failure."""
    lines = split_lines(text)
    tags, missing, unexpected = {}, [], []
    for regex in regexes:
        found = matching_lines(lines, regex)
        tags.update((i, "GOOD") for i in found)
        if not found:
            missing.append(regex)
    for regex in no:
        found = matching_lines(lines, regex)
        tags.update((i, "BAD") for i in found)
        if found:
            unexpected.append(regex)
    if missing or unexpected:
        raise CheckFailure(_explain(text, lines, tags, missing, unexpected, ending))


def quoted(regex):
    """A regex for messages: its pattern in quotes, backslashes as typed."""
    return "'%s'" % compile_regex(regex).pattern


def _explain(text, lines, tags, missing, unexpected, ending):
    out = []
    for regex in unexpected:
        out.append("UNEXPECTED " + quoted(regex))
    for regex in missing:
        out.append("MISSING " + quoted(regex))
    if tags:
        out.append("matching lines (GOOD = expected, BAD = forbidden):")
        out.extend(_context_block(lines, tags))
    if ending:
        out.append("boot ended: " + ending)
    out.append(tail(text))
    return "\n".join(out)


def find_all(text, regex):
    """Match objects for every line whose start matches regex."""
    pattern = compile_regex(regex)
    found = (pattern.match(line) for line in split_lines(text))
    return [m for m in found if m]


def count(text, regex):
    """How many lines start with a match of regex."""
    return len(find_all(text, regex))

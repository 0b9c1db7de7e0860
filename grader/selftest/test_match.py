# Selftests of grader/match.py: line-start matching, forbidden lines, the
# GOOD/BAD/MISSING failure message, the output tail, counting and CR LF
# normalisation.

import re
import unittest

from grader.match import (CheckFailure, check_lines, count, find_all,
                          normalize, split_lines, tail)

OUTPUT = "\n".join("line %d" % i for i in range(1, 21)) + "\nboot: done\n"


def failure(text, regexes, no=(), ending=None):
    try:
        check_lines(text, regexes, no, ending)
    except CheckFailure as e:
        return str(e)
    raise AssertionError("check_lines did not fail")


class MatchTest(unittest.TestCase):
    def test_regex_must_match_start_of_some_line(self):
        check_lines(OUTPUT, [r"line 1\b", r"boot: done", r"^line 20$"])
        self.assertIn("MISSING 'done'", failure(OUTPUT, [r"done"]))

    def test_compiled_patterns_are_accepted(self):
        check_lines(OUTPUT, [re.compile(r"line \d+")])

    def test_missing_lists_every_unmatched_regex(self):
        message = failure(OUTPUT, [r"line 3", r"nope", r"neither"])
        self.assertIn("MISSING 'nope'", message)
        self.assertIn("MISSING 'neither'", message)
        self.assertNotIn("MISSING 'line 3'", message)

    def test_good_and_bad_lines_shown_with_two_lines_of_context(self):
        message = failure(OUTPUT, [r"line 5$", r"absent"], no=[r"line 15"])
        lines = message.splitlines()
        self.assertIn("UNEXPECTED 'line 15'", message)
        self.assertIn("    GOOD | line 5", lines)
        self.assertIn("    BAD  | line 15", lines)
        for context in ("line 3", "line 4", "line 6", "line 7", "line 13",
                        "line 17"):
            self.assertIn("         | " + context, lines)
        self.assertNotIn("         | line 2", lines)
        self.assertIn("    ...", lines)

    def test_forbidden_regex_fails_even_if_all_wanted_lines_match(self):
        message = failure(OUTPUT, [r"boot: done"], no=[r"line 7"])
        self.assertIn("UNEXPECTED 'line 7'", message)
        self.assertNotIn("MISSING", message)

    def test_failure_ends_with_last_ten_lines(self):
        message = failure(OUTPUT, [r"absent"])
        self.assertIn("last 10 lines of console output:", message)
        self.assertTrue(message.endswith("    | boot: done"))
        self.assertIn("    | line 12", message)
        self.assertNotIn("    | line 11", message)

    def test_ending_is_shown(self):
        message = failure(OUTPUT, [r"absent"], ending="timed out after 3.0 s")
        self.assertIn("boot ended: timed out after 3.0 s", message)

    def test_tail_of_empty_output(self):
        self.assertEqual(tail(""), "(no console output)")
        self.assertIn("last line of console output", tail("one\n"))

    def test_crlf_is_normalised(self):
        self.assertEqual(normalize("a\r\nb\rc\n"), "a\nb\nc\n")
        self.assertEqual(split_lines("a\r\nb\r\n"), ["a", "b"])
        check_lines("x\r\nboot: done\r\n", [r"boot: done$"])

    def test_count_and_find_all(self):
        self.assertEqual(count(OUTPUT, r"line 1"), 11)   # 1, 10..19
        found = find_all(OUTPUT, r"line (\d)$")
        self.assertEqual([m.group(1) for m in found], [str(i) for i in range(1, 10)])


if __name__ == "__main__":
    unittest.main()

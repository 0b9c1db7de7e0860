# The Minnow autograder.
#
# Run it from the repository root as `python3 -m grader` (or `make grade`).
# Test modules live in grader/tests/ and register tests with the `test`
# decorator re-exported here; see grader/README.md for the API.

from grader.core import test  # noqa: F401  (re-exported for test modules)
from grader.qemu import EXIT_PANIC, EXIT_POWEROFF, Prompt  # noqa: F401

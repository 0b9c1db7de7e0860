# Host-side unit tests of the grader itself (no real kernel is booted; a
# fake QEMU stands in).  Run from the repository root with:
#     python3 -m unittest discover -s grader/selftest -t .

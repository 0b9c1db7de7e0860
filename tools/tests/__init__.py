# Host unit tests of the tools in tools/ (run: python3 -m unittest discover -s tools/tests -t .).
# This file only makes the directory a package for unittest's discovery.

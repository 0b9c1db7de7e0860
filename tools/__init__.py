# Host-side tools of Minnow (mkfs, the lab stripper, the gdb helper, ...).  This file only
# makes tools/ a package, so that `python3 -m unittest discover -s tools/tests -t .` can
# import the host unit tests from the repository root.

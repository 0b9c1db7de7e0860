# The grader's test modules.  Every grader/tests/*.py whose name does not
# start with "_" is imported by `python3 -m grader` (in name order) and
# registers its tests with the @test decorator; files starting with "_" are
# shared helpers that test modules may import.

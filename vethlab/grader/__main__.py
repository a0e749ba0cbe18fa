"""python3 -m vethlab.grader: the autograder's command line (make grade)."""
import sys

from .grade import main

sys.exit(main(sys.argv[1:]))

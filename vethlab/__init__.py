"""vethlab's Python half: one package, one idea per module.

    catalog        what each lab is: files, kind, kernels, prerequisites, checks
    markers        the SOLUTION regions of solutions/ (one parser)
    seeds          the student seed (a topology) and the run seed (a grading run)
    submission     staging a submission: every untrusted file through one intake
    box/           the one box every untrusted file and process passes through:
                   intake, object checks, the sandbox levels, guard.c
    grader/        the autograder (python3 -m vethlab.grader): reference.py what
                   a run trusts, run.py one run, checks.py one submission's
                   build and checks in its box, vmlab.py lab 6 in the VM,
                   seeded.py the run-seeded scenarios, result.py one graded
                   check, grade.py the command line, classes and shards
    oplabs/        the operational labs 7-11 (python3 -m vethlab.oplabs)
    report         results as text, JSON, the class CSV, Gradescope, PrairieLearn,
                   Autolab and TAP; shards merged
    platform       the course platforms' runners (Gradescope, PrairieLearn, Autolab)
    instructor     make seeds, make reference: a course's set-up
    classroom/     the demo, the walkthrough, lab-spec
    packaging/     the student release and the platform bundles
    normalize      transcripts to stable tokens (the tests, the grader, the demo)
    paths          where the kit is

Run its tools as `python3 -m vethlab.NAME` from the top of the kit; the
Makefile does. grading/ keeps the grader's data (results/, the platforms'
scripts and course.json, a release's reference.json); the VM harness is
module/vm/; the developer checks are mk/.
"""

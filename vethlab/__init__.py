"""vethlab's Python half, one idea per module.

    catalog      what each lab is: files, kind, kernels, prerequisites, checks
    seeds        the student seed (a topology) and the run seed (a grading run)
    report       results as text, JSON, the class CSV, Gradescope, PrairieLearn,
                 Autolab and TAP
    submission   staging a submission: every untrusted file through one intake
    platform     the course platforms' runners (Gradescope, PrairieLearn, Autolab)
    instructor   make seeds, make reference: a course's set-up

Run its tools as `python3 -m vethlab.NAME` from the top of the kit. The grader
itself (grading/grade.py, the box in grading/sandbox.py), the operational labs
(grading/oplabs/) and the developer checks (mk/) still live in their folders and
read the catalog from here.
"""

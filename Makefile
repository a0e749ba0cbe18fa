# vethlab: the one entry point. `make help` lists the targets.
#
# Quick start on a fresh Debian 12 machine:  make demo ; make test
# Both install the Debian packages they miss when run as root, and
# otherwise print the one apt-get line needed.

.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory
SHELL := /bin/sh

include mk/build.mk
comma := ,

# A student release has no solutions/: its reference vethsim ships built
# (grading/bin/vethsim-reference) and make build puts it where the handouts
# say, build/solutions/vethsim.
ifeq ($(wildcard solutions),)
build/solutions/vethsim: grading/bin/vethsim-reference
	@mkdir -p $(@D) && cp $< $@
build: build/solutions/vethsim
endif

.PHONY: help demo test grade gradescope release bench skels build lab-spec oplabs-grade seeds reference \
	walkthrough unit unit-build fuzz-smoke clean vm-shell vm-run vm-test vm-bench \
	deps-demo deps-grade deps-test deps-bench

help:
	@echo "vethlab: how a Linux veth pair really works"
	@echo
	@echo "  make demo      the classroom demo: articles 000 and 003, lo beside veth, in vethsim"
	@echo "                 (PACE=2 or PACE=key to pace it live; REAL=0 to skip the real-kernel"
	@echo "                 column; TREE=exercises to play it on your own code)"
	@if [ -d solutions ]; then \
	echo "  make test      every test: unit (also under ASan+UBSan), labs, golden transcripts,"; \
	echo "                 vethsim vs the real kernel, fuzz smoke, the module in a Debian VM"; \
	else echo "  make test      the unit tests on your exercises/ (make grade scores them)"; fi
	@echo "  make grade     grade every lab of your exercises/ tree (LAB=N for one; lab 6 boots"
	@echo "                 the VM once its module is started, VM=1 also grades 7-11 there;"
	@echo "                 CHECK=NAME reruns the checks named so; results in grading/results/)"
	@echo "  make lab-spec LAB=N          your topology for operational lab N (7-11)"
	@echo "  make oplabs-grade [LAB=N] [VM=1]   grade the operational labs only"
	@echo "  make walkthrough             labs 7-11 as a guided vethsim session"
	@echo "                 (these four take SEED=S, your student seed; without it they read"
	@echo "                 .vethlab-seed, written with a new seed the first time: any string"
	@echo "                 will do for self-study, a course gives you yours)"
	@echo "  make bench     packets per second: vethsim vs the kernel's veth, our module vs veth.ko"
	@if [ -d solutions ]; then \
	echo; echo "for instructors:"; \
	echo "  make seeds ROSTER=FILE COURSE_SECRET=S   CSV student,seed (one id per line, or a CSV)"; \
	echo "  make reference SEED=S OUT=DIR [FLAT=1]   a complete reference submission for a seed"; \
	echo "  make grade SUBMISSIONS=DIR COURSE_SECRET=S   a class: one box each, summary.csv with"; \
	echo "                 a column per lab and a note on missing points (grading/results/)"; \
	echo "  make gradescope COURSE_SECRET=S [VM=1] [LABS='3 7'] [ID_FIELD=sid]   the Gradescope"; \
	echo "                 zip (build/gradescope/), Autolab's tar beside it; PrairieLearn reads it too"; \
	echo "  make release   the student release without solutions/ (build/release/vethlab)"; \
	echo "  make skels     regenerate exercises/ from solutions/"; \
	fi
	@echo "  make docs      redraw every figure in docs/figures/ from vethsim's state (Graphviz)"
	@echo "  make build     build vethsim ($(if $(wildcard solutions),TREE=solutions|exercises,your exercises$(comma) and the reference one in build/solutions/)$(comma) SAN=1 for sanitizers)"
	@echo "  make vm-shell  a shell in the Debian 6.1 VM with vethlab.ko; vm-run CMD='...'; vm-test"
	@echo "                 (VM_ACCEL=kvm|tcg to force an accelerator; by default a 3 s probe"
	@echo "                 decides, once per machine)"
	@echo "  make clean     remove build/"
	@echo
	@echo "the labs (labs/README.md; the recommended order is 7, 1-5, 8-11, 6):"
	@python3 -m vethlab.catalog --help-lines
	@echo
	@echo "vethsim itself: $(VETHSIM) (try: $(VETHSIM) -h)"

deps-demo:
	@sh mk/deps.sh demo
deps-grade:
	@sh mk/deps.sh grade
deps-test:
	@sh mk/deps.sh test
deps-bench:
	@sh mk/deps.sh bench
deps-docs:
	@sh mk/deps.sh docs

build: $(VETHSIM) unit-build

unit-build: $(UNIT_BINS)

# Run every unit test binary; Check prints its own summary per suite.
unit: unit-build
	@rc=0; for t in $(UNIT_BINS); do \
		CK_FORK=yes $$t || { rc=1; echo "FAILED: $$t"; }; \
	done; exit $$rc

# TREE=exercises plays the demo on the student's code, rebuilt first.
demo: deps-demo
	@$(MAKE) -s $(VETHSIM) TREE=$(TREE)
	@python3 -m vethlab.classroom.demo --vethsim $(VETHSIM) labs/00-demo/demo.sh

test: deps-test
	@python3 mk/runtests.py

grade: deps-grade
	@python3 -m vethlab.grader $(if $(LAB),--lab $(LAB)) $(if $(SUBMISSIONS),--submissions '$(SUBMISSIONS)') \
		$(if $(CHECK),--check '$(CHECK)') $(if $(SEED),--student-seed '$(SEED)') \
		$(if $(COURSE_SECRET),--course-secret '$(COURSE_SECRET)') $(if $(filter 1,$(VM)),--vm)

# An instructor's targets need solutions/ (the answer key), which the student
# release does not have: there they say so in one line.
INSTRUCTOR = test -d solutions || { echo "make $@: an instructor's target; this student release has no solutions/"; exit 1; }

seeds:
	@$(INSTRUCTOR)
	@python3 -m vethlab.instructor seeds '$(ROSTER)' --secret '$(COURSE_SECRET)'

reference: $(VETHSIM)
	@$(INSTRUCTOR)
	@python3 -m vethlab.instructor reference --seed '$(SEED)' --out '$(OUT)' $(if $(filter 1,$(FLAT)),--flat)

# the student release: the kit without solutions/ (build/release/vethlab)
release:
	@$(INSTRUCTOR)
	@python3 -m vethlab.packaging.release

# the autograder zip for Gradescope (and autograde.tar for Autolab)
gradescope:
	@$(INSTRUCTOR)
	@COURSE_SECRET='$(COURSE_SECRET)' ID_FIELD='$(ID_FIELD)' VM='$(VM)' LABS='$(LABS)' \
		python3 -m vethlab.packaging.gradescope

bench: deps-bench
	@sh mk/bench.sh

skels:
	@python3 mk/skels.py

# Each plausible lab 1-5 mistake in mk/mutants.py must fail its lab's tests.
.PHONY: mutants
mutants:
	@$(INSTRUCTOR)
	@python3 mk/mutants.py
	@$(if $(filter 1,$(VM)),python3 mk/mutants_vm.py,echo "lab 6's mutants boot the VM once each: make mutants VM=1")

# Every figure is drawn by `sim draw` in the reference build (docs/figures/*.sh).
.PHONY: docs deps-docs
docs: deps-docs
	@$(MAKE) -s build/solutions/vethsim TREE=solutions
	@python3 mk/figures.py --vethsim build/solutions/vethsim

lab-spec:
	@python3 -m vethlab.classroom.labspec $(or $(LAB),7) $(SEED)

walkthrough: $(VETHSIM)
	@python3 -m vethlab.classroom.walkthrough $(if $(SEED),--seed '$(SEED)')

oplabs-grade: $(VETHSIM)
	@python3 -m vethlab.oplabs --lab $(or $(LAB),all) --tree $(or $(OPTREE),exercises) \
		$(if $(SEED),--seed '$(SEED)') $(if $(filter 1,$(VM)),--vm)

# The fuzzers link against the sanitizer build of make unit SAN=1 (one build,
# build/$(TREE)-san): after it, only the fuzz targets are left to build.
FUZZ_SECONDS ?= 5
fuzz-smoke:
	@$(MAKE) -s SAN=1 $(FUZZ_SRCS:tests/fuzz/%.c=$(SAN_BUILD)/fuzz/%)
	@rc=0; n=0; for f in $(FUZZ_SRCS); do \
		name=$$(basename $$f .c); corpus=tests/fuzz/corpus/$${name#fuzz_}; \
		mkdir -p build/fuzz-work/$$name; n=$$((n+1)); \
		if $(SAN_BUILD)/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=1024 -artifact_prefix=build/fuzz-work/$$name/ \
			build/fuzz-work/$$name $$corpus >build/fuzz-work/$$name.log 2>&1; \
		then echo "$$name: OK"; \
		else rc=1; echo "$$name: FAIL (log: build/fuzz-work/$$name.log)"; \
			tail -n 30 build/fuzz-work/$$name.log; fi; \
	done; echo "$$n fuzz targets run"; exit $$rc

# CMD reaches module/Makefile unexpanded through MAKEFLAGS (a command-line
# variable); naming it here would expand its $ signs
vm-shell vm-run vm-test vm-bench:
	@$(MAKE) -C module $@ TREE=$(TREE)

clean:
	rm -rf build
	@$(MAKE) -C module clean 2>/dev/null || true

# vethlab: the one entry point. `make help` lists the targets.
#
# Quick start on a fresh Debian 12 machine:  make demo ; make test
# Both install the Debian packages they miss when run as root, and
# otherwise print the one apt-get line needed.

.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory
SHELL := /bin/sh

include mk/build.mk

.PHONY: help demo test grade gradescope release bench skels build lab-spec oplabs-grade \
	walkthrough unit unit-build fuzz-smoke clean vm-shell vm-run vm-test vm-bench \
	deps-demo deps-grade deps-test deps-bench

help:
	@echo "vethlab: how a Linux veth pair really works"
	@echo
	@echo "  make demo      the classroom demo: articles 000 and 003, lo beside veth, in vethsim"
	@echo "                 (PACE=2 or PACE=key to pace it live; REAL=0 to skip the real-kernel"
	@echo "                 column; TREE=exercises to play it on your own code)"
	@echo "  make test      every test: unit (also under ASan+UBSan), labs, golden transcripts,"
	@echo "                 vethsim vs the real kernel, fuzz smoke, the module in a Debian VM"
	@echo "  make grade     grade your exercises/ tree (LAB=N for one lab, LAB=6 boots the VM;"
	@echo "                 SEED=S adds the operational labs 7-11 for your topology;"
	@echo "                 CHECK=NAME reruns the checks named so; SUBMISSIONS=DIR grades many,"
	@echo "                 each in its own box; results in grading/results/)"
	@echo "  make release   the student release without solutions/ (build/release/vethlab)"
	@echo "  make gradescope  the Gradescope autograder zip (build/gradescope/); Autolab's tar beside it"
	@echo "  make bench     packets per second: vethsim vs the kernel's veth, our module vs veth.ko"
	@echo "  make lab-spec LAB=N SEED=S   your topology for operational lab N (7-11)"
	@echo "  make oplabs-grade SEED=S [LAB=N] [VM=1]   grade the operational labs"
	@echo "  make walkthrough [SEED=S]    labs 7-11 as a guided vethsim session"
	@echo "  make skels     regenerate exercises/ from solutions/"
	@echo "  make docs      redraw every figure in docs/figures/ from vethsim's state (Graphviz)"
	@echo "  make build     build vethsim (TREE=solutions|exercises, SAN=1 for sanitizers)"
	@echo "  make vm-shell  a shell in the Debian 6.1 VM with vethlab.ko; vm-run CMD='...'; vm-test"
	@echo "                 (VM_ACCEL=kvm|tcg to force an accelerator; by default a 3 s probe"
	@echo "                 decides, once per machine)"
	@echo "  make clean     remove build/"
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
	@python3 mk/demo.py --vethsim $(VETHSIM) labs/00-demo/demo.sh

test: deps-test
	@python3 mk/runtests.py

grade: deps-grade
	@python3 grading/grade.py $(if $(LAB),--lab $(LAB)) $(if $(SUBMISSIONS),--submissions '$(SUBMISSIONS)') \
		$(if $(CHECK),--check '$(CHECK)') $(if $(SEED),--op-seed '$(SEED)')

# the student release: the kit without solutions/ (build/release/vethlab)
release:
	@python3 mk/release.py

# the autograder zip for Gradescope (and autograde.tar for Autolab)
gradescope:
	@python3 mk/gradescope.py

bench: deps-bench
	@sh mk/bench.sh

skels:
	@python3 mk/skels.py

# Every figure is drawn by `sim draw` in the reference build (docs/figures/*.sh).
.PHONY: docs deps-docs
docs: deps-docs
	@$(MAKE) -s build/solutions/vethsim TREE=solutions
	@python3 mk/figures.py --vethsim build/solutions/vethsim

lab-spec:
	@python3 mk/labspec.py $(or $(LAB),7) $(SEED)

walkthrough: $(VETHSIM)
	@python3 grading/oplabs/walkthrough.py $(if $(SEED),--seed $(SEED))

oplabs-grade: $(VETHSIM)
	@python3 -m grading.oplabs --lab $(or $(LAB),all) --tree $(or $(OPTREE),exercises) \
		--seed "$(or $(SEED),$$VETHLAB_SEED)" $(if $(filter 1,$(VM)),--vm)

FUZZ_SECONDS ?= 5
fuzz-smoke:
	@$(MAKE) -s FUZZ=1 $(patsubst build/$(TREE)/%,build/$(TREE)-fuzz/%,$(FUZZ_BINS))
	@rc=0; n=0; for f in $(FUZZ_SRCS); do \
		name=$$(basename $$f .c); corpus=tests/fuzz/corpus/$${name#fuzz_}; \
		mkdir -p build/fuzz-work/$$name; n=$$((n+1)); \
		if build/$(TREE)-fuzz/fuzz/$$name -max_total_time=$(FUZZ_SECONDS) \
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

# Build rules for the simulator, its tools and the unit tests.
# Included by the top-level Makefile; every path is relative to the top.
#
# TREE=solutions (default) or TREE=exercises picks the student half.
# SAN=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer (clang, in
# build/$(TREE)-san); FUZZ=1 is the same build, which also links the fuzzers.

TREE	?= solutions
SAN	?= 0
FUZZ	?= 0
ifeq ($(wildcard $(TREE)/sim),)
$(error TREE=$(TREE) has no sim/ folder: use TREE=solutions or TREE=exercises)
endif

CC	?= cc
CSTD	:= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter
PCAP_CFLAGS := $(shell pkg-config --cflags libpcap 2>/dev/null)
PCAP_LIBS   := $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

# One sanitizer build serves the unit tests (SAN=1) and the fuzzers (FUZZ=1,
# the same): clang, ASan+UBSan, and libFuzzer's coverage hooks, harmless in a
# unit test (without libFuzzer linked in, sanitizer_common's weak defaults
# answer them). UB stops the test or the fuzzer that meets it. make test
# builds it once for both, instead of a gcc tree and a clang one.
SAN_BUILD := build/$(TREE)-san
ifneq ($(filter 1,$(SAN) $(FUZZ)),)
ifneq ($(origin CC),command line)
CC	:= clang
# clang's runtimes are a package of their own (Debian only recommends it)
ifeq ($(wildcard $(shell clang -print-runtime-dir 2>/dev/null)/libclang_rt.fuzzer_no_main*),)
$(error SAN=1 and FUZZ=1 build with clang and its sanitizer and libFuzzer runtimes, missing here: make deps-test installs them (Debian 12: clang libclang-rt-14-dev))
endif
endif
BUILD	:= $(SAN_BUILD)
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined \
	    -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# -O1: the level ASan's and libFuzzer's docs build with; clang
# builds this tree at -O2 in no less CPU (as much, within this box's noise)
OPT	?= -O1 -g
# clang only: a test lays out an ethtool request as ethtool(8) does, a header
# with a flexible array followed by its buffer in one struct (a GNU extension)
TEST_WARN := -Wno-gnu-variable-sized-type-not-at-end
else
BUILD	:= build/$(TREE)
SANFLAGS :=
TEST_WARN :=
endif
OPT	?= -O2 -g

# -fno-strict-aliasing: like the kernel, the simulator treats a queue head as an
# sk_buff (struct sk_buff_head vs struct sk_buff), which strict aliasing forbids.
# -MMD -MP: every object also writes the headers it read (.d, included below),
# so editing a header rebuilds exactly what includes it.
CFLAGS_BASE = $(CSTD) $(OPT) $(WARN) -fno-strict-aliasing $(SANFLAGS) -MMD -MP

# One boundary, as between Linux and iproute2: kernel units see only the
# kernel's headers (sim/include), so no kernel file can include a tool's;
# the tools see those (uapi/ records, the entry points) and their own; the
# tests see everything. mk/boundary.py checks the rest (no kernel -> tools
# symbol, no tool reading kernel structs).
KERNEL_CFLAGS = $(CFLAGS_BASE) -Isim/include
TOOLS_CFLAGS  = $(CFLAGS_BASE) -Isim/include -Isim/tools $(PCAP_CFLAGS)
TEST_CFLAGS   = $(TOOLS_CFLAGS) $(TEST_WARN) -Itests/unit $(CHECK_CFLAGS)
LDFLAGS_ALL = $(SANFLAGS)

# The kernel side: sim/ minus the tools, plus the student half from $(TREE).
# The grader builds many trees: BASE_BUILD lets them share the objects of sim/.
BASE_BUILD  ?= $(BUILD)
SIM_SRCS    := $(shell find sim -name '*.c' -not -path 'sim/tools/*' | sort)
TREE_SRCS   := $(shell find $(TREE)/sim -name '*.c' 2>/dev/null | sort)
TOOLS_SRCS  := $(shell find sim/tools -name '*.c' -not -name main.c 2>/dev/null | sort)
MAIN_SRC    := sim/tools/vethsim/main.c
UNIT_SRCS   := $(sort $(wildcard tests/unit/check_*.c))
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

SIM_OBJS    := $(SIM_SRCS:%.c=$(BASE_BUILD)/obj/%.o)
TREE_OBJS   := $(TREE_SRCS:$(TREE)/%.c=$(BUILD)/tree/%.o)
KERNEL_OBJS := $(SIM_OBJS) $(TREE_OBJS)
TOOLS_OBJS  := $(TOOLS_SRCS:%.c=$(BASE_BUILD)/obj/%.o)
MAIN_OBJ    := $(MAIN_SRC:%.c=$(BASE_BUILD)/obj/%.o)
UNIT_OBJ    := $(BASE_BUILD)/obj/tests/unit/unit.o $(BASE_BUILD)/obj/tests/unit/probe.o
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

LIBKERNEL   := $(BUILD)/libsimkernel.a
LIBTOOLS    := $(BUILD)/libsimtools.a
VETHSIM     := $(BUILD)/vethsim

$(SIM_OBJS): $(BASE_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

# The student half, compiled from $(TREE) (its own folder: two trees' files
# share names with sim/'s, e.g. net/core/dev.c). A student's warnings are
# shown, never fatal: -Werror holds for the kit's own code and solutions/.
TREE_CFLAGS = $(filter-out -Werror,$(KERNEL_CFLAGS)) $(if $(filter solutions,$(TREE)),-Werror)
$(BUILD)/tree/%.o: $(TREE)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TREE_CFLAGS) -c $< -o $@

$(TOOLS_OBJS) $(MAIN_OBJ): $(BASE_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(TOOLS_CFLAGS) -c $< -o $@

$(BASE_BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

# An archive lists its members in a manifest rewritten only when the list
# changes, so deleting or adding a source rebuilds the archive (from
# scratch: no member of a deleted file survives). The scratch file is the
# shell's own ($$$$): make test runs steps side by side, and two makes of one
# tree must not remove each other's before cmp reads it.
define manifest
	@mkdir -p $(dir $(1))
	@t=$(1).$$$$.tmp; printf '%s\n' $(2) > $$t && \
	if cmp -s $$t $(1); then rm -f $$t; else mv $$t $(1); fi
endef

$(BUILD)/libsimkernel.list: FORCE
	$(call manifest,$@,$(KERNEL_OBJS))
$(BUILD)/libsimtools.list: FORCE
	$(call manifest,$@,$(TOOLS_OBJS))
.PHONY: FORCE
FORCE:

$(LIBKERNEL): $(KERNEL_OBJS) $(BUILD)/libsimkernel.list
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $(KERNEL_OBJS)

$(LIBTOOLS): $(TOOLS_OBJS) $(BUILD)/libsimtools.list
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $(TOOLS_OBJS)

# Link order is the dependency order: tools, then the kernel. Without
# --start-group a kernel reference to a tools symbol fails the link.
$(VETHSIM): $(MAIN_OBJ) $(LIBTOOLS) $(LIBKERNEL)
	$(CC) $(LDFLAGS_ALL) -o $@ $(MAIN_OBJ) $(LIBTOOLS) $(LIBKERNEL) $(PCAP_LIBS)

$(BUILD)/tests/%: $(BASE_BUILD)/obj/tests/unit/%.o $(UNIT_OBJ) \
		$(LIBTOOLS) $(LIBKERNEL)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $< $(UNIT_OBJ) $(LIBTOOLS) $(LIBKERNEL) \
		$(CHECK_LIBS) $(PCAP_LIBS)

# Benchmarks that drive the simulated kernel (bench/sim_*.c).
$(BUILD)/bench/%: bench/%.c $(LIBTOOLS) $(LIBKERNEL)
	@mkdir -p $(dir $@)
	$(CC) $(TOOLS_CFLAGS) -o $@ $< $(LIBTOOLS) $(LIBKERNEL) \
		$(PCAP_LIBS) $(LDFLAGS_ALL)

FUZZ_BINS   := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIBTOOLS) $(LIBKERNEL)
	@mkdir -p $(dir $@)
	$(CC) $(TOOLS_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBTOOLS) \
		$(LIBKERNEL) $(PCAP_LIBS) $(LDFLAGS_ALL)

-include $(KERNEL_OBJS:.o=.d) $(TOOLS_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) \
	 $(UNIT_SRCS:%.c=$(BASE_BUILD)/obj/%.d) $(UNIT_OBJ:.o=.d) \
	 $(wildcard $(BUILD)/bench/*.d $(BUILD)/fuzz/*.d)

# Objects reached through pattern chains (test objects) are kept, not deleted.
.SECONDARY:

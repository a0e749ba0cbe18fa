# Build rules for the simulator, its tools and the unit tests.
# Included by the top-level Makefile; every path is relative to the top.
#
# TREE=solutions (default) or TREE=exercises picks the student half.
# SAN=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer.

TREE	?= solutions
SAN	?= 0
FUZZ	?= 0
ifeq ($(filter $(TREE),solutions exercises),)
$(error TREE must be solutions or exercises, not '$(TREE)')
endif

CC	?= cc
OPT	?= -O2 -g
CSTD	:= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN	:= -Wall -Wextra -Werror -Wno-unused-parameter
PCAP_CFLAGS := $(shell pkg-config --cflags libpcap 2>/dev/null)
PCAP_LIBS   := $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

ifeq ($(FUZZ),1)
# libFuzzer build: everything instrumented with clang for coverage feedback.
CC	:= clang
BUILD	:= build/$(TREE)-fuzz
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
else ifeq ($(SAN),1)
BUILD	:= build/$(TREE)-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=undefined
else
BUILD	:= build/$(TREE)
SANFLAGS :=
endif

CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(SANFLAGS) -Isim/include \
	     -Isim/tools $(PCAP_CFLAGS) -MMD -MP
LDFLAGS_ALL = $(SANFLAGS)

# The kernel side: sim/ minus the tools, plus the student half from $(TREE).
KERNEL_SRCS := $(shell find sim -name '*.c' -not -path 'sim/tools/*' | sort) \
	       $(shell find $(TREE)/sim -name '*.c' 2>/dev/null | sort)
TOOLS_SRCS  := $(shell find sim/tools -name '*.c' -not -name main.c 2>/dev/null | sort)
MAIN_SRC    := sim/tools/vethsim/main.c
UNIT_SRCS   := $(sort $(wildcard tests/unit/check_*.c))
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

KERNEL_OBJS := $(KERNEL_SRCS:%.c=$(BUILD)/obj/%.o)
TOOLS_OBJS  := $(TOOLS_SRCS:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ    := $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

LIBKERNEL   := $(BUILD)/libsimkernel.a
LIBTOOLS    := $(BUILD)/libsimtools.a
VETHSIM     := $(BUILD)/vethsim

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIBKERNEL): $(KERNEL_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(LIBTOOLS): $(TOOLS_OBJS)
	@rm -f $@
	ar rcs $@ $^ $(if $(TOOLS_OBJS),,)

$(VETHSIM): $(MAIN_OBJ) $(LIBTOOLS) $(LIBKERNEL)
	$(CC) $(LDFLAGS_ALL) -o $@ $(MAIN_OBJ) -Wl,--start-group $(LIBTOOLS) \
		$(LIBKERNEL) -Wl,--end-group $(PCAP_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.c tests/unit/unit.h \
		$(LIBTOOLS) $(LIBKERNEL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CHECK_CFLAGS) -Itests/unit -o $@ $< tests/unit/unit.c \
		-Wl,--start-group $(LIBTOOLS) $(LIBKERNEL) -Wl,--end-group \
		$(CHECK_LIBS) $(PCAP_LIBS) $(LDFLAGS_ALL)

FUZZ_BINS   := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIBTOOLS) $(LIBKERNEL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< \
		-Wl,--start-group $(LIBTOOLS) $(LIBKERNEL) -Wl,--end-group \
		$(PCAP_LIBS) $(LDFLAGS_ALL)

-include $(KERNEL_OBJS:.o=.d) $(TOOLS_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)

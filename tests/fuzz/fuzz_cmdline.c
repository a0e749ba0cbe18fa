// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: command lines for the vethsim shell. The input is up
 * to 16 lines; each is run as one command in a freshly booted kernel, the
 * way a script would run them. Host files are off (vs_sandbox) and every
 * command gets at most 5 simulated seconds. Findings: crashes, sanitizer
 * reports, leaks, and packets left alive after shutdown.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/skbuff.h>
#include "vethsim/vethsim.h"

#define MAX_LINES	16
#define MAX_LINE	512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vs_options o = { .keep_going = true };
	struct strbuf out, err;
	char line[MAX_LINE + 1];
	size_t pos = 0;
	int lines = 0;

	vs_sandbox = true;
	vs_wait_limit_ns = 5ull * 1000000000ull;
	if (vs_shell_init(&o))
		abort();
	sb_init(&out);
	sb_init(&err);
	while (pos < size && lines < MAX_LINES) {
		size_t n = 0;

		while (pos < size && data[pos] != '\n' && n < MAX_LINE) {
			line[n++] = data[pos] ? (char)data[pos] : ' ';
			pos++;
		}
		while (pos < size && data[pos] != '\n')
			pos++;
		pos++;
		line[n] = '\0';
		vs_shell_line_to(line, &out, &err);
		sb_reset(&out);
		sb_reset(&err);
		lines++;
	}
	sb_free(&out);
	sb_free(&err);
	vs_shell_exit();
	if (skb_live_count() != 0) {
		fprintf(stderr, "fuzz_cmdline: %ld sk_buffs leaked\n", skb_live_count());
		abort();
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The few /proc files the kit reads and writes: /proc/sys/... (through the
 * kernel's sysctl table), /proc/net/dev, /proc/net/arp and
 * /proc/net/softnet_stat.
 * 6.1: fs/proc/proc_sysctl.c; softnet_stat comes from net/core/net-procfs.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netdevice.h>
#include <linux/sysctl.h>
#include <net/arp.h>
#include "vethsim/vethsim.h"

/* cat /proc/net/softnet_stat: the kernel's softnet_seq_show() text. */
static void softnet_stat_show(void)
{
	char buf[1024];
	size_t need = softnet_seq_show(buf, sizeof(buf));

	if (need < sizeof(buf)) {
		vs_puts(buf);
	} else {
		char *big = malloc(need + 1);

		if (!big)
			return;
		softnet_seq_show(big, need + 1);
		vs_puts(big);
		free(big);
	}
}

/* cat /proc/net/dev: the kernel's dev_seq_show() text for our namespace. */
static void net_dev_show(void)
{
	size_t need = dev_seq_show(vs_net(), NULL, 0);
	char *buf = malloc(need + 1);

	if (!buf)
		return;
	dev_seq_show(vs_net(), buf, need + 1);
	vs_puts(buf);
	free(buf);
}

/* cat /proc/net/arp: the kernel's arp_seq_show() text for our namespace. */
static void net_arp_show(void)
{
	size_t need = arp_seq_show(vs_net(), NULL, 0);
	char *buf = malloc(need + 1);

	if (!buf)
		return;
	arp_seq_show(vs_net(), buf, need + 1);
	vs_puts(buf);
	free(buf);
}

int do_cat(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		const char *f = argv[i];
		char value[512];

		if (!strcmp(f, "/proc/net/softnet_stat")) {
			softnet_stat_show();
			continue;
		}
		if (!strcmp(f, "/proc/net/dev")) {
			net_dev_show();
			continue;
		}
		if (!strcmp(f, "/proc/net/arp")) {
			net_arp_show();
			continue;
		}
		if (!strncmp(f, "/proc/sys/", 10) &&
		    sysctl_read(vs_net(), f, value, sizeof(value)) == 0) {
			vs_printf("%s\n", value);
			continue;
		}
		vs_eprintf("cat: %s: No such file or directory\n", f);
		rc = 1;
	}
	return rc;
}

/* echo DATA > PATH, as bash reports its failures. */
bool proc_file_exists(const char *path)
{
	char value[512];

	return !strncmp(path, "/proc/sys/", 10) &&
	       sysctl_read(vs_net(), path, value, sizeof(value)) == 0;
}

int proc_write_file(const char *who, const char *path, const char *data)
{
	int err;

	if (strncmp(path, "/proc/sys/", 10)) {
		vs_eprintf("bash: line 1: %s: vethsim can write only to /proc/sys\n",
			   path);
		return 1;
	}
	err = sysctl_write(vs_net(), path, data);
	if (err == -ENOENT) {
		vs_eprintf("bash: line 1: %s: No such file or directory\n", path);
		return 1;
	}
	if (err == -EPERM || err == -EACCES) {
		vs_eprintf("bash: line 1: %s: Permission denied\n", path);
		return 1;
	}
	if (err) {
		if (!strcmp(who, "echo"))
			vs_eprintf("bash: line 1: echo: write error: %s\n",
				   strerror(-err));
		else
			vs_eprintf("%s: write error: %s\n", who, strerror(-err));
		return 1;
	}
	return 0;
}

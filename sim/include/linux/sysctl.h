/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc/sys tree (what `sysctl` and `echo N > /proc/sys/...` reach).
 * 6.1: include/linux/sysctl.h, kernel/sysctl.c and the ctl_table arrays of
 * net/ipv4/devinet.c, net/ipv6/addrconf.c, net/core/sysctl_net_core.c,
 * net/ipv4/sysctl_net_ipv4.c. The simulator has one table (sim/kernel/
 * sysctl.c) with per-device entries made on demand from the device list.
 *
 * Names: dotted ("net.ipv4.conf.veth0.rp_filter") or paths
 * ("/proc/sys/net/ipv4/conf/veth0/rp_filter" or "net/ipv4/conf/veth0/...").
 * Per-namespace keys read and write @net's copy; net.core.* are global, as
 * in 6.1 (netdev_max_backlog, netdev_budget ... are not per namespace).
 */
#ifndef _SIM_LINUX_SYSCTL_H
#define _SIM_LINUX_SYSCTL_H

#include <linux/types.h>

struct net;

/*
 * Write @value ("0", "1", " 2\n" ... as echo would) to @name.
 * 0, -ENOENT (no such key: "sysctl: cannot stat /proc/sys/...: No such file
 * or directory"), -EINVAL (not a number or out of range: "sysctl: setting
 * key "...": Invalid argument"), -EPERM (read-only).
 */
int sysctl_write(struct net *net, const char *name, const char *value);
/* 6.1: proc_dointvec(): one int from the string written */
int proc_dointvec(int *p, const char *value, int min, int max);
/* Read @name as its /proc/sys file would, without the newline: 0 or -ENOENT. */
int sysctl_read(struct net *net, const char *name, char *buf, size_t size);
/* `sysctl -a` / `sysctl net.ipv4.conf.veth0`: call @fn with each dotted
 * name under @prefix (NULL: all) and its value, sorted as sysctl -a lists. */
int sysctl_walk(struct net *net, const char *prefix,
		int (*fn)(const char *name, const char *value, void *arg),
		void *arg);
/* Dotted name of @name (a path or dotted), for messages; @buf returned. */
char *sysctl_dotted_name(const char *name, char *buf, size_t size);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc/sys tree that `sysctl` and `echo N > /proc/sys/...` reach.
 * 6.1: kernel/sysctl.c (proc_dointvec and friends) plus the ctl_table
 * arrays registered by net/ipv4/devinet.c (conf/...), net/ipv6/addrconf.c
 * (disable_ipv6), net/core/sysctl_net_core.c and net/ipv4/
 * sysctl_net_ipv4.c. Instead of a registered tree of ctl_table nodes, a
 * name is parsed into (group, instance, key) and looked up in small
 * tables; per-device directories exist exactly while the device does.
 * Per-namespace values live in the namespace (net->ipv4, net->ipv6_conf);
 * net.core.* are global, as in 6.1.
 */
#include <linux/ftrace.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sysctl.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/netns/ipv4.h>
#include <net/addrconf.h>
#include <net/route.h>

#define NAME_MAX_LEN	256

/* net.ipv4.conf.X.<key> -> IPV4_DEVCONF_* (6.1: devinet_sysctl table) */
static const struct {
	const char	*name;
	int		idx;
} devinet_keys[] = {
	{ "accept_local",	IPV4_DEVCONF_ACCEPT_LOCAL },
	{ "accept_redirects",	IPV4_DEVCONF_ACCEPT_REDIRECTS },
	{ "arp_accept",		IPV4_DEVCONF_ARP_ACCEPT },
	{ "arp_announce",	IPV4_DEVCONF_ARP_ANNOUNCE },
	{ "arp_filter",		IPV4_DEVCONF_ARPFILTER },
	{ "arp_ignore",		IPV4_DEVCONF_ARP_IGNORE },
	{ "forwarding",		IPV4_DEVCONF_FORWARDING },
	{ "log_martians",	IPV4_DEVCONF_LOG_MARTIANS },
	{ "promote_secondaries", IPV4_DEVCONF_PROMOTE_SECONDARIES },
	{ "route_localnet",	IPV4_DEVCONF_ROUTE_LOCALNET },
	{ "rp_filter",		IPV4_DEVCONF_RP_FILTER },
	{ "send_redirects",	IPV4_DEVCONF_SEND_REDIRECTS },
	{ "shared_media",	IPV4_DEVCONF_SHARED_MEDIA },
};

/* A scalar: where it lives for @net, and its allowed range. */
struct ctl_int {
	const char	*name;		/* full dotted name */
	int		*(*addr)(struct net *net);
	int		min, max;
	void		(*changed)(struct net *net);
};

static int *icmp_echo_ignore_all(struct net *n)
{ return &n->ipv4->sysctl_icmp_echo_ignore_all; }
static int *icmp_echo_ignore_bc(struct net *n)
{ return &n->ipv4->sysctl_icmp_echo_ignore_broadcasts; }
static int *icmp_errors_inbound(struct net *n)
{ return &n->ipv4->sysctl_icmp_errors_use_inbound_ifaddr; }
static int *icmp_ratelimit(struct net *n)
{ return &n->ipv4->sysctl_icmp_ratelimit; }
static int *icmp_ratemask(struct net *n)
{ return &n->ipv4->sysctl_icmp_ratemask; }
static int *ip_default_ttl(struct net *n)
{ return &n->ipv4->sysctl_ip_default_ttl; }
static int *ip_forward(struct net *n)
{ return &IPV4_DEVCONF_ALL(n, FORWARDING); }
static int *ip_no_pmtu_disc(struct net *n)
{ return &n->ipv4->sysctl_ip_no_pmtu_disc; }
static int *neigh_app(struct net *n) { return &n->ipv4->neigh_app_solicit; }
static int *neigh_reach(struct net *n)
{ return &n->ipv4->neigh_base_reachable_time_ms; }
static int *neigh_delay(struct net *n)
{ return &n->ipv4->neigh_delay_first_probe_time; }
static int *neigh_gc(struct net *n) { return &n->ipv4->neigh_gc_stale_time; }
static int *neigh_mcast(struct net *n)
{ return &n->ipv4->neigh_mcast_solicit; }
static int *neigh_retrans(struct net *n)
{ return &n->ipv4->neigh_retrans_time_ms; }
static int *neigh_ucast(struct net *n)
{ return &n->ipv4->neigh_ucast_solicit; }
static int *neigh_qbytes(struct net *n)
{ return &n->ipv4->neigh_queue_len_bytes; }
static int *core_backlog(struct net *n) { return &netdev_max_backlog; }
static int *core_budget(struct net *n) { return &netdev_budget; }
static int *core_budget_usecs(struct net *n)
{ return (int *)&netdev_budget_usecs; }
static int *core_weight(struct net *n) { return &weight_p; }

/* 6.1: proc_do_dev_weight() derives the rx/tx weights. */
static void dev_weight_changed(struct net *net)
{
	dev_rx_weight = weight_p;
	dev_tx_weight = weight_p;
}

#define INT_MAX_ 0x7fffffff

/* Sorted by name, as `sysctl -a` lists them. */
static const struct ctl_int ctl_ints[] = {
	{ "net.core.dev_weight", core_weight, 1, INT_MAX_, dev_weight_changed },
	{ "net.core.netdev_budget", core_budget, 0, INT_MAX_, NULL },
	{ "net.core.netdev_budget_usecs", core_budget_usecs, 0, INT_MAX_,
	  NULL },
	{ "net.core.netdev_max_backlog", core_backlog, 0, INT_MAX_, NULL },
	{ "net.ipv4.icmp_echo_ignore_all", icmp_echo_ignore_all, 0, 1, NULL },
	{ "net.ipv4.icmp_echo_ignore_broadcasts", icmp_echo_ignore_bc, 0, 1,
	  NULL },
	{ "net.ipv4.icmp_errors_use_inbound_ifaddr", icmp_errors_inbound, 0,
	  1, NULL },
	{ "net.ipv4.icmp_ratelimit", icmp_ratelimit, 0, INT_MAX_, NULL },
	{ "net.ipv4.icmp_ratemask", icmp_ratemask, -INT_MAX_, INT_MAX_, NULL },
	{ "net.ipv4.ip_default_ttl", ip_default_ttl, 1, 255, NULL },
	{ "net.ipv4.ip_forward", ip_forward, 0, 1, inet_forward_change },
	{ "net.ipv4.ip_no_pmtu_disc", ip_no_pmtu_disc, 0, 3, NULL },
	{ "net.ipv4.neigh.default.app_solicit", neigh_app, 0, INT_MAX_, NULL },
	{ "net.ipv4.neigh.default.base_reachable_time_ms", neigh_reach, 0,
	  INT_MAX_, NULL },
	{ "net.ipv4.neigh.default.delay_first_probe_time", neigh_delay, 0,
	  INT_MAX_, NULL },
	{ "net.ipv4.neigh.default.gc_stale_time", neigh_gc, 0, INT_MAX_,
	  NULL },
	{ "net.ipv4.neigh.default.mcast_solicit", neigh_mcast, 0, INT_MAX_,
	  NULL },
	{ "net.ipv4.neigh.default.retrans_time_ms", neigh_retrans, 10,
	  INT_MAX_, NULL },
	{ "net.ipv4.neigh.default.ucast_solicit", neigh_ucast, 0, INT_MAX_,
	  NULL },
	{ "net.ipv4.neigh.default.unres_qlen_bytes", neigh_qbytes, 0,
	  INT_MAX_, NULL },
};

/*
 * "/proc/sys/net/ipv4/conf/veth0/rp_filter", "net/ipv4/..." or
 * "net.ipv4.conf.veth0.rp_filter" to the dotted form. In a path, a dot
 * belongs to a name (a device "veth0.100"); procps writes it as '/'
 * in a dotted name, and '.' as '/': the two swap.
 * sim: procps' name mangling, for the shell.
 */
char *sysctl_dotted_name(const char *name, char *buf, size_t size)
{
	const char *p = name;
	bool path = false;
	size_t i;

	if (!strncmp(p, "/proc/sys/", 10)) {
		p += 10;
		path = true;
	}
	path = path || !strncmp(p, "net/", 4);
	snprintf(buf, size, "%s", p);
	if (path) {
		for (i = 0; buf[i]; i++) {
			if (buf[i] == '/')
				buf[i] = '.';
			else if (buf[i] == '.')
				buf[i] = '/';
		}
	}
	return buf;
}

/*
 * A device name from its dotted spelling ('/' stood for '.').
 * sim.
 */
static void undot_dev(char *s)
{
	for (; *s; s++)
		if (*s == '/')
			*s = '.';
}

/* 6.1: proc_dointvec(): optional blanks, sign, digits, blanks. */
static int parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return -EINVAL;
	v = strtol(s, &end, 10);
	if (end == s)
		return -EINVAL;
	while (isspace((unsigned char)*end))
		end++;
	if (*end || v < min || v > max)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/*
 * 6.1: same, on one int from the string written (not a user buffer of
 * several); @min/@max are the bounds the simulator checks on every int.
 */
static int __do_proc_dointvec(int *p, const char *value, int min, int max)
{
	FTRACE_ENTRY();
	int v, err = parse_int(value, min, max, &v);

	if (!err)
		*p = v;
	return err;
}

/* 6.1: same, on one int from the string written (see __do_proc_dointvec). */
int proc_dointvec(int *p, const char *value, int min, int max)
{
	FTRACE_ENTRY();

	return __do_proc_dointvec(p, value, min, max);
}

/* What one name points at. */
struct ctl_ref {
	int		*p;
	int		min, max;
	void		(*changed)(struct net *net);
	/* conf entries */
	int		conf_idx;	/* IPV4_DEVCONF_*, 0: none */
	int		conf_kind;	/* 0 all, 1 default, 2 dev */
	struct in_device *in_dev;
	int		v6_kind;	/* 1 all, 2 default, 3 dev */
};

/* sim. */
static int devinet_key(const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devinet_keys); i++)
		if (!strcmp(devinet_keys[i].name, key))
			return devinet_keys[i].idx;
	return 0;
}

/* net.ipv4.conf.X.KEY */
static int lookup_ipv4_conf(struct net *net, char *inst, const char *key,
			    struct ctl_ref *r)
{
	int idx = devinet_key(key);

	if (!idx)
		return -ENOENT;
	r->conf_idx = idx;
	r->min = -INT_MAX_;
	r->max = INT_MAX_;
	if (!strcmp(inst, "all")) {
		r->conf_kind = 0;
		r->p = &net->ipv4->devconf_all->data[idx - 1];
	} else if (!strcmp(inst, "default")) {
		r->conf_kind = 1;
		r->p = &net->ipv4->devconf_dflt->data[idx - 1];
	} else {
		struct net_device *dev;

		undot_dev(inst);
		dev = __dev_get_by_name(net, inst);
		if (!dev || !__in_dev_get_rtnl(dev))
			return -ENOENT;
		r->conf_kind = 2;
		r->in_dev = __in_dev_get_rtnl(dev);
		r->p = &r->in_dev->cnf.data[idx - 1];
	}
	return 0;
}

/* net.ipv6.conf.X.disable_ipv6 */
static int lookup_ipv6_conf(struct net *net, char *inst, const char *key,
			    struct ctl_ref *r)
{
	struct netns_ipv6_conf *c = net->ipv6_conf;

	if (strcmp(key, "disable_ipv6") || !c)
		return -ENOENT;
	r->min = -INT_MAX_;
	r->max = INT_MAX_;
	if (!strcmp(inst, "all")) {
		r->v6_kind = 1;
		r->p = &c->all.disable_ipv6;
	} else if (!strcmp(inst, "default")) {
		r->v6_kind = 2;
		r->p = &c->dflt.disable_ipv6;
	} else {
		struct net_device *dev;

		undot_dev(inst);
		dev = __dev_get_by_name(net, inst);
		r->p = dev ? addrconf_disable_ipv6_ptr(dev) : NULL;
		if (!r->p)
			return -ENOENT;
		r->v6_kind = 3;
	}
	return 0;
}

/* 6.1: proc_sys_lookup() in fs/proc/proc_sysctl.c: its walk, flattened. */
static int sysctl_lookup(struct net *net, const char *name, struct ctl_ref *r)
{
	char buf[NAME_MAX_LEN], *last, *inst;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!net || !net->ipv4)
		return -ENOENT;
	sysctl_dotted_name(name, buf, sizeof(buf));
	for (i = 0; i < ARRAY_SIZE(ctl_ints); i++) {
		if (!strcmp(buf, ctl_ints[i].name)) {
			r->p = ctl_ints[i].addr(net);
			r->min = ctl_ints[i].min;
			r->max = ctl_ints[i].max;
			r->changed = ctl_ints[i].changed;
			return 0;
		}
	}
	last = strrchr(buf, '.');
	if (!last)
		return -ENOENT;
	*last++ = '\0';
	if (!strncmp(buf, "net.ipv4.conf.", 14)) {
		inst = buf + 14;
		return lookup_ipv4_conf(net, inst, last, r);
	}
	if (!strncmp(buf, "net.ipv6.conf.", 14)) {
		inst = buf + 14;
		return lookup_ipv6_conf(net, inst, last, r);
	}
	return -ENOENT;
}

/*
 * The side effects 6.1's devinet_conf_proc() has on a write: the key is
 * marked written in whichever conf it is (all, default or a device's);
 * default's marks are copied into each device made later.
 */
static void devinet_conf_written(struct net *net, struct ctl_ref *r,
				 int old)
{
	int i = r->conf_idx - 1;

	if (r->conf_kind == 2)
		r->in_dev->cnf.state |= 1ul << i;
	else if (r->conf_kind == 1)
		net->ipv4->devconf_dflt->state |= 1ul << i;
	else
		net->ipv4->devconf_all->state |= 1ul << i;
	if (r->conf_kind == 1)
		devinet_copy_dflt_conf(net, i);
	if (r->conf_idx == IPV4_DEVCONF_FORWARDING && r->conf_kind == 0)
		inet_forward_change(net);
	if (old != *r->p)
		rt_cache_flush(net);
}

/*
 * 6.1: proc_sys_write() in fs/proc/proc_sysctl.c -> the entry's proc_handler.
 */
int sysctl_write(struct net *net, const char *name, const char *value)
{
	struct ctl_ref r;
	int err, v, old;

	err = sysctl_lookup(net, name, &r);
	if (err)
		return err;
	old = *r.p;
	if (r.conf_idx && r.conf_idx != IPV4_DEVCONF_FORWARDING &&
	    r.conf_idx != IPV4_DEVCONF_PROMOTE_SECONDARIES &&
	    r.conf_idx != IPV4_DEVCONF_ROUTE_LOCALNET) {
		/* the conf keys whose proc_handler is devinet_conf_proc */
		err = devinet_conf_proc(r.p, value ? value : "", r.min, r.max);
		if (err)
			return err;
	} else {
		err = parse_int(value ? value : "", r.min, r.max, &v);
		if (err)
			return err;
		*r.p = v;
	}
	if (r.conf_idx)
		devinet_conf_written(net, &r, old);
	if (r.v6_kind == 1)
		addrconf_set_all_disable(net, v);
	if (r.changed)
		r.changed(net);
	return 0;
}

/* 6.1: proc_sys_read() -> proc_dointvec(). */
int sysctl_read(struct net *net, const char *name, char *buf, size_t size)
{
	struct ctl_ref r;
	int err = sysctl_lookup(net, name, &r);

	if (err)
		return err;
	snprintf(buf, size, "%d", *r.p);
	return 0;
}

/* Names for `sysctl -a`: collect, sort, filter by prefix. */
struct name_vec {
	char	**v;
	size_t	n, cap;
};

/* sim. */
static void vec_add(struct name_vec *nv, const char *s)
{
	if (nv->n == nv->cap) {
		size_t cap = nv->cap ? nv->cap * 2 : 64;
		char **v = realloc(nv->v, cap * sizeof(*v));

		if (!v)
			return;
		nv->v = v;
		nv->cap = cap;
	}
	nv->v[nv->n] = strdup(s);
	if (nv->v[nv->n])
		nv->n++;
}

/* sim. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sim. */
static void vec_add_conf(struct name_vec *nv, const char *inst)
{
	char buf[NAME_MAX_LEN], dev[IFNAMSIZ + 1];
	size_t i;

	snprintf(dev, sizeof(dev), "%s", inst);
	for (i = 0; dev[i]; i++)		/* procps shows '.' as '/' */
		if (dev[i] == '.')
			dev[i] = '/';
	for (i = 0; i < ARRAY_SIZE(devinet_keys); i++) {
		snprintf(buf, sizeof(buf), "net.ipv4.conf.%s.%s", dev,
			 devinet_keys[i].name);
		vec_add(nv, buf);
	}
	snprintf(buf, sizeof(buf), "net.ipv6.conf.%s.disable_ipv6", dev);
	vec_add(nv, buf);
}

/*
 * sim: `sysctl -a`: every name under @prefix, as 6.1's proc_sys_readdir()
 * lists them.
 */
int sysctl_walk(struct net *net, const char *prefix,
		int (*fn)(const char *name, const char *value, void *arg),
		void *arg)
{
	struct name_vec nv = { 0 };
	struct net_device *dev;
	char val[32];
	size_t i, plen = prefix ? strlen(prefix) : 0;
	int ret = 0;

	if (!net || !net->ipv4)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(ctl_ints); i++)
		vec_add(&nv, ctl_ints[i].name);
	vec_add_conf(&nv, "all");
	vec_add_conf(&nv, "default");
	for_each_netdev(net, dev)
		vec_add_conf(&nv, dev->name);
	qsort(nv.v, nv.n, sizeof(*nv.v), cmp_str);
	for (i = 0; i < nv.n; i++) {
		if (!ret && (!plen || (!strncmp(nv.v[i], prefix, plen) &&
				       (nv.v[i][plen] == '.' ||
					!nv.v[i][plen]))) &&
		    !sysctl_read(net, nv.v[i], val, sizeof(val)))
			ret = fn(nv.v[i], val, arg);
		free(nv.v[i]);
	}
	free(nv.v);
	return ret;
}

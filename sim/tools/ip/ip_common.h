/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ip tool of vethsim. iproute2 6.1: ip/ip_common.h, include/utils.h.
 * Where iproute2 sends a netlink message, these files call the kernel
 * function the message reaches (rtnl_newlink, inet_rtm_newaddr, ...).
 */
#ifndef _VETHSIM_IP_COMMON_H
#define _VETHSIM_IP_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include "vethsim/vethsim.h"

struct net;
struct net_device;
struct netlink_ext_ack;

/* global options (ip.c) */
extern int show_stats;		/* -s, -s -s */
extern int show_details;	/* -d */
extern bool brief;		/* -br */
extern bool oneline;		/* -o: one record per line, '\\' for newlines */
extern int preferred_family;	/* -4, -6: AF_INET, AF_INET6; 0: any */
extern bool json;		/* -j */
extern bool pretty;		/* -p, with -j */

/* ipjson.c: ip -j (iproute2 lib/json_writer.c, lib/json_print.c) */
void new_json_obj(void);
void delete_json_obj(void);
struct rtnl_link_msg;
/* one device's object; @filtered: an empty one (the `up` filter) */
int print_linkinfo_json(struct net *net, const struct rtnl_link_msg *m,
			bool filtered);
int print_addrinfo_json(struct net *net, const struct rtnl_link_msg *m,
			bool filtered);
struct rtnl_route_msg;
struct rtnl_neigh_msg;
/* ip -j netns: one call per name (@first opens the array), then NULL */
void netns_list_json(const char *name, int id, bool first);
/* ip -j netns list-id: {"nsid":N[,"name":NAME]} */
void netns_nsid_json(int nsid, const char *name);
int print_route_json(struct net *net, const struct rtnl_route_msg *r,
		     bool show_table, bool show_dev);
int print_neigh_json(struct net *net, const struct rtnl_neigh_msg *r,
		     bool show_dev, const char *state);

int do_iplink(int argc, char **argv);
int do_ipaddr(int argc, char **argv);
int do_netns(int argc, char **argv);
int do_ipneigh(int argc, char **argv);
int do_iproute(int argc, char **argv);

/* utils.c */
bool matches(const char *prefix, const char *string);	/* prefix of */
int invarg(const char *msg, const char *arg);		/* returns 255 */
int nodev(const char *dev);				/* "Cannot find device" */
int duparg2(const char *key, const char *arg);
int incomplete_command(void);

/*
 * Step to the argument a keyword takes, or fail as iproute2 does with
 * 'Command line is not complete. Try option "help"'. iproute2's own
 * NEXT_ARG() exits the program; here it returns the status instead, so a
 * bad line fails one command and the shell goes on.
 */
#define NEXT_ARG() do {				\
	if (argc < 2)				\
		return incomplete_command();	\
	argc--;					\
	argv++;					\
} while (0)
/* iproute2's answer to a failed request: "Error: MSG." or "RTNETLINK answers: ..." */
int rtnl_report(int err, const struct netlink_ext_ack *extack);
/* "10.0.0.1/24": 0 ok; -1 bad. *len is -1 when no /len was given. */
int get_prefix_ipv4(const char *arg, uint32_t *addr, int *len);
int get_addr_ipv4(const char *arg, uint32_t *addr);
int ll_addr_a2n(uint8_t *lladdr, int len, const char *arg);
const char *format_host_ipv4(uint32_t be_addr, char *buf, size_t size);
/* ipaddress.c: "global", "link", "host", ... or the number */
const char *rtnl_rtscope_n2a(int scope, char *buf, size_t size);
const char *format_host_ipv6(const uint8_t *a16, char *buf, size_t size);
const char *ll_addr_n2a(const uint8_t *addr, int alen, char *buf, size_t size);
bool get_unsigned(unsigned int *val, const char *arg);
bool get_integer(int *val, const char *arg);
/* lib/ll_map.c: a device's ifindex in the current namespace, 0 if none */
int ll_name_to_index(const char *name);

/* iplink.c / ipaddress.c shared printing, from RTM_NEWLINK records */
struct rtnl_link_msg;
void print_link_flags(unsigned int flags, bool mdown);
int print_linkinfo(struct net *net, const struct rtnl_link_msg *m, bool do_link);
int print_linkinfo_brief(struct net *net, const struct rtnl_link_msg *m,
			 bool do_link);
/* ipnetns.c: the name of @peer's namespace, if a /run/netns name has it */
const char *netns_name_from_nsid(struct net *net, int nsid);
/* ip -n NS: switch the current process's namespace */
int netns_switch(const char *name);

#endif

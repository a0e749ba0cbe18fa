// SPDX-License-Identifier: GPL-2.0
/*
 * Bringing IPv4 up: the protocol handlers, the per-namespace state, the
 * device followers. 6.1: net/ipv4/af_inet.c inet_init(), an fs_initcall.
 * 6.1 registers a pernet_operations per file; here one, inet_net_ops,
 * calls each file's part in order (sim/net/ipv4/pernet.h).
 */
#include <stdlib.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <net/netns/ipv4.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/ip_fib.h>
#include <net/addrconf.h>
#include <linux/inetdevice.h>
#include "pernet.h"

/* The sysctls of net.ipv4 that are not per device. 6.1: same defaults. */
static void ipv4_sysctl_init_net(struct netns_ipv4 *v4)
{
	v4->sysctl_icmp_echo_ignore_all = 0;
	v4->sysctl_icmp_echo_ignore_broadcasts = 1;
	v4->sysctl_icmp_ratelimit = 1000;
	v4->sysctl_icmp_ratemask = 0x1818;
	v4->sysctl_ip_default_ttl = IPDEFTTL;
	v4->sysctl_ip_no_pmtu_disc = 0;
	v4->sysctl_icmp_errors_use_inbound_ifaddr = 0;
	v4->ip_id = 1;
	v4->sysctl_ipfrag_time = 30;
	v4->sysctl_ipfrag_high_thresh = 4 * 1024 * 1024;
}

/* 6.1: the exits of those pernet_operations, in reverse. */
static void inet_net_exit(struct net *net);

/*
 * Set up IPv4 in a new namespace.
 * sim: 6.1 runs the init of each file's pernet_operations instead
 * (devinet_init_net(), ip_fib_net_init(), ...); here in one place.
 */
static int inet_net_init(struct net *net)
{
	struct netns_ipv4 *v4 = calloc(1, sizeof(*v4));
	int err;

	if (!v4)
		return -ENOMEM;
	net->ipv4 = v4;
	INIT_LIST_HEAD(&v4->raw_sockets);
	ip_rt_init_net(net);
	ipv4_frags_init_net(net);
	ipv4_sysctl_init_net(v4);
	neigh_parms_init_net(net);
	err = ip_fib_net_init(net);
	if (!err)
		err = devinet_init_net(net);
	if (!err)
		addrconf_init_net(net);
	if (err)
		inet_net_exit(net);
	return err;
}

/* Tear it down; the devices are gone by now (pernet device ops run
 * first), so this frees what is left: sockets' queues, neighbours,
 * routes, rtables. */
static void inet_net_exit(struct net *net)
{
	if (!net->ipv4)
		return;
	raw_exit_net(net);
	ipv4_frags_exit_net(net);
	arp_exit_net(net);
	devinet_exit_net(net);
	ip_fib_net_exit(net);
	ip_rt_free_cache(net);
	addrconf_exit_net(net);
	free(net->ipv4);
	net->ipv4 = NULL;
}

static struct pernet_operations inet_net_ops = {
	.init = inet_net_init,
	.exit = inet_net_exit,
};

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

/*
 * 6.1: inet_init(): ... arp_init(); ip_init() (-> ip_rt_init() ->
 * devinet_init(), ip_fib_init()); icmp_init(); dev_add_pack(&ip_packet_type).
 * IPv6's addrconf display part comes up here too (6.1: inet6_init, a
 * module_init of its own).
 */
int inet_init(void)
{
	int err;

	err = register_pernet_subsys(&inet_net_ops);
	if (err)
		return err;
	arp_init();
	ip_init();
	devinet_init();
	ip_fib_init();
	err = icmp_init();
	if (err)
		return err;
	ip_packet_type.type = htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
	return addrconf_init();
}

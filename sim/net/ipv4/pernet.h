/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the IPv4 files set up and tear down one namespace. 6.1 registers one
 * pernet_operations per file (devinet_ops, fib_net_ops, arp_net_ops,
 * icmp_sk_ops, raw_net_ops ...); the simulator registers one, inet_net_ops
 * in af_inet.c, which calls these in order, so the order is visible.
 */
#ifndef _SIM_NET_IPV4_PERNET_H
#define _SIM_NET_IPV4_PERNET_H

struct net;
struct net_device;

int devinet_init_net(struct net *net);
void devinet_exit_net(struct net *net);
int ip_fib_net_init(struct net *net);
void ip_fib_net_exit(struct net *net);
void raw_exit_net(struct net *net);
void arp_exit_net(struct net *net);
void ip_rt_init_net(struct net *net);
void ipv4_frags_init_net(struct net *net);
void ipv4_frags_exit_net(struct net *net);
void addrconf_init_net(struct net *net);
void addrconf_exit_net(struct net *net);
void neigh_parms_init_net(struct net *net);
void inetdev_destroy_dev(struct net_device *dev);

#endif

/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * What a netlink socket hands iproute2: one record per object of a dump
 * (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWNEIGH, RTM_NEWROUTE).
 * 6.1: include/uapi/linux/rtnetlink.h. The fixed header (ifinfomsg, ...) is
 * 6.1's; the attributes that would follow it as nlattrs are decoded into
 * the fields below, each named after its attribute. The kernel fills a
 * record (rtnl_fill_ifinfo(), inet_fill_ifaddr(), neigh_fill_info(),
 * fib_dump_info(), rt_fill_info()); the tools read nothing else.
 */
#ifndef _SIM_UAPI_LINUX_RTNETLINK_H
#define _SIM_UAPI_LINUX_RTNETLINK_H

#include <linux/types.h>
#include <uapi/linux/if_link.h>

#define RTNL_NAMSIZ	16	/* IFNAMSIZ */
#define RTNL_ADDRSIZ	32	/* MAX_ADDR_LEN */

struct ifinfomsg {
	unsigned char	ifi_family;
	unsigned char	__ifi_pad;
	unsigned short	ifi_type;	/* ARPHRD_* */
	int		ifi_index;
	unsigned int	ifi_flags;	/* IFF_*: dev_get_flags() */
	unsigned int	ifi_change;
};

/* RTM_NEWLINK: struct ifinfomsg + IFLA_* */
struct rtnl_link_msg {
	struct ifinfomsg	ifi;
	char		ifname[RTNL_NAMSIZ];	/* IFLA_IFNAME */
	u32		txqlen;			/* IFLA_TXQLEN */
	u8		operstate;		/* IFLA_OPERSTATE */
	u8		linkmode;		/* IFLA_LINKMODE */
	u32		mtu;			/* IFLA_MTU */
	u32		min_mtu;		/* IFLA_MIN_MTU */
	u32		max_mtu;		/* IFLA_MAX_MTU */
	u32		group;			/* IFLA_GROUP */
	u32		promiscuity;		/* IFLA_PROMISCUITY */
	u32		allmulti;		/* IFLA_ALLMULTI */
	u32		num_tx_queues;		/* IFLA_NUM_TX_QUEUES */
	u32		num_rx_queues;		/* IFLA_NUM_RX_QUEUES */
	u32		gso_max_segs;		/* IFLA_GSO_MAX_SEGS */
	u32		gso_max_size;		/* IFLA_GSO_MAX_SIZE */
	u32		gro_max_size;		/* IFLA_GRO_MAX_SIZE */
	u32		tso_max_size;		/* IFLA_TSO_MAX_SIZE */
	u32		tso_max_segs;		/* IFLA_TSO_MAX_SEGS */
	u8		carrier;		/* IFLA_CARRIER */
	char		qdisc[RTNL_NAMSIZ];	/* IFLA_QDISC; "": absent */
	u32		carrier_changes;	/* IFLA_CARRIER_CHANGES */
	u32		carrier_up_count;	/* IFLA_CARRIER_UP_COUNT */
	u32		carrier_down_count;	/* IFLA_CARRIER_DOWN_COUNT */
	u32		addr_len;		/* 0: no IFLA_ADDRESS/BROADCAST */
	u8		address[RTNL_ADDRSIZ];	/* IFLA_ADDRESS */
	u8		broadcast[RTNL_ADDRSIZ];	/* IFLA_BROADCAST */
	struct rtnl_link_stats64 stats64;	/* IFLA_STATS64 */
	char		kind[RTNL_NAMSIZ];	/* IFLA_LINKINFO/IFLA_INFO_KIND */
	bool		has_link;		/* IFLA_LINK present */
	s32		link;			/* IFLA_LINK */
	s32		link_netnsid;		/* IFLA_LINK_NETNSID; -1: absent */
	u8		inet6_addr_gen_mode;	/* IFLA_AF_SPEC/AF_INET6 */
	char		ifalias[256];		/* IFLA_IFALIAS; "": absent */
};

struct ifaddrmsg {
	u8		ifa_family;
	u8		ifa_prefixlen;
	u8		ifa_flags;		/* the low 8 bits of IFA_FLAGS */
	u8		ifa_scope;		/* RT_SCOPE_* */
	u32		ifa_index;
};

/* RTM_NEWADDR: struct ifaddrmsg + IFA_*; IPv4 addresses use 4 bytes */
struct rtnl_addr_msg {
	struct ifaddrmsg	ifa;
	bool		has_address;
	u8		address[16];		/* IFA_ADDRESS */
	bool		has_local;
	u8		local[16];		/* IFA_LOCAL */
	bool		has_broadcast;
	u8		broadcast[4];		/* IFA_BROADCAST */
	char		label[RTNL_NAMSIZ];	/* IFA_LABEL; "": absent */
	u32		flags;			/* IFA_FLAGS */
	u32		valid_lft;		/* IFA_CACHEINFO ifa_valid */
	u32		preferred_lft;		/* IFA_CACHEINFO ifa_prefered */
};

struct ndmsg {
	u8		ndm_family;
	int		ndm_ifindex;
	u16		ndm_state;		/* NUD_* */
	u8		ndm_flags;
	u8		ndm_type;		/* RTN_* */
};

/* RTM_NEWNEIGH: struct ndmsg + NDA_* */
struct rtnl_neigh_msg {
	struct ndmsg	ndm;
	u8		dst[16];		/* NDA_DST */
	u32		lladdr_len;		/* 0: no NDA_LLADDR */
	u8		lladdr[RTNL_ADDRSIZ];	/* NDA_LLADDR */
};

struct rtmsg {
	u8		rtm_family;
	u8		rtm_dst_len;
	u8		rtm_src_len;
	u8		rtm_tos;
	u8		rtm_table;		/* the low 8 bits of RTA_TABLE */
	u8		rtm_protocol;		/* RTPROT_* */
	u8		rtm_scope;		/* RT_SCOPE_* */
	u8		rtm_type;		/* RTN_* */
	u32		rtm_flags;		/* RTNH_F_* of the nexthop, RTM_F_* */
};

/* RTM_NEWROUTE: struct rtmsg + RTA_* (IPv4, one nexthop) */
struct rtnl_route_msg {
	struct rtmsg	rtm;
	u32		table;			/* RTA_TABLE */
	__be32		dst;			/* RTA_DST; 0 with dst_len 0: none */
	__be32		gateway;		/* RTA_GATEWAY; 0: absent */
	int		oif;			/* RTA_OIF; 0: absent */
	__be32		prefsrc;		/* RTA_PREFSRC; 0: absent */
	u32		priority;		/* RTA_PRIORITY; 0: absent */
	__be32		src;			/* RTA_SRC (rtm_src_len 32) */
	int		iif;			/* RTA_IIF; 0: absent */
};

/* rtm_flags */
#define RTM_F_CLONED	0x200

/*
 * A dump (NLM_F_DUMP) calls @cb once per record, in the kernel's order,
 * and stops early when it returns non-zero (the reader closed the socket).
 */
typedef int (*rtnl_dump_cb)(const void *msg, void *arg);

#endif

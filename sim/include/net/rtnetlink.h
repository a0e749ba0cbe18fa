/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link types ("kinds") that `ip link add ... type KIND` creates.
 * 6.1: include/net/rtnetlink.h. Netlink attributes are replaced by a plain
 * struct rtnl_newlink_req that carries what IFLA_* attributes would carry;
 * IFLA_INFO_DATA for veth (VETH_INFO_PEER) becomes req->peer.
 */
#ifndef _SIM_NET_RTNETLINK_H
#define _SIM_NET_RTNETLINK_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/err.h>
#include <uapi/linux/rtnetlink.h>

struct net;
struct net_device;

/*
 * What RTM_NEWLINK carries for one device: IFLA_IFNAME, IFLA_ADDRESS,
 * IFLA_MTU, IFLA_NET_NS_*, IFLA_TXQLEN. A zero/empty field was not given.
 */
struct rtnl_link_attrs {
	char		ifname[16];
	bool		has_address;
	u8		address[6];
	unsigned int	mtu;
	struct net	*net;		/* IFLA_NET_NS_PID/FD, resolved */
	bool		netns_given;	/* netns named but not found: net NULL */
	bool		has_pid;	/* IFLA_NET_NS_PID: the namespace of pid */
	int		pid;
	unsigned int	txqlen;
	bool		has_num_tx_queues;	/* IFLA_NUM_TX_QUEUES */
	unsigned int	num_tx_queues;
	bool		has_num_rx_queues;	/* IFLA_NUM_RX_QUEUES */
	unsigned int	num_rx_queues;
	bool		has_group;		/* IFLA_GROUP */
	u32		group;
};

struct rtnl_setlink_req;

/* RTM_NEWLINK with IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA } */
struct rtnl_newlink_req {
	struct rtnl_link_attrs	tb;		/* the device itself */
	const char		*kind;		/* "veth" */
	bool			has_peer;	/* VETH_INFO_PEER present */
	struct rtnl_link_attrs	peer;		/* ... and its attributes */
	/* no NLM_F_CREATE: change device tb.ifname as this says (`ip link
	 * set`); NULL: NLM_F_CREATE|NLM_F_EXCL (`ip link add`) */
	struct rtnl_setlink_req	*set;
};

struct rtnl_link_ops {
	struct list_head	list;
	const char		*kind;
	size_t			priv_size;
	void			(*setup)(struct net_device *dev);
	int			(*validate)(struct rtnl_newlink_req *req,
					    struct netlink_ext_ack *extack);
	int			(*newlink)(struct net *src_net,
					   struct net_device *dev,
					   struct rtnl_newlink_req *req,
					   struct netlink_ext_ack *extack);
	void			(*dellink)(struct net_device *dev,
					   struct list_head *head);
	struct net		*(*get_link_net)(const struct net_device *dev);
	unsigned int		(*get_num_tx_queues)(void);
	unsigned int		(*get_num_rx_queues)(void);
};

/* net/core/rtnetlink.c */
int rtnl_link_register(struct rtnl_link_ops *ops);
void rtnl_link_unregister(struct rtnl_link_ops *ops);
const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind);
/* Returns the new device, or ERR_PTR(-errno) (see linux/err.h). */
struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops,
				    struct rtnl_link_attrs *tb,
				    struct netlink_ext_ack *extack);
int rtnl_configure_link(struct net_device *dev);
void rtnl_lock(void);
void rtnl_unlock(void);

/*
 * The request handlers iproute2's messages reach (rtnl_newlink, rtnl_dellink,
 * rtnl_setlink). They return 0 or -errno and may set extack->_msg.
 */
int rtnl_newlink(struct net *net, struct rtnl_newlink_req *req,
		 struct netlink_ext_ack *extack);
int rtnl_dellink(struct net *net, const char *ifname,
		 struct netlink_ext_ack *extack);

/* The bits of RTM_NEWLINK/RTM_SETLINK for an existing device (`ip link set`). */
struct rtnl_setlink_req {
	bool		set_up, set_down;
	bool		set_promisc, clear_promisc;	/* promisc on|off */
	unsigned int	mtu;			/* 0: not given */
	bool		has_address;
	u8		address[6];
	const char	*newname;		/* NULL: not given */
	const char	*ifalias;		/* IFLA_IFALIAS; NULL: not given */
	bool		has_group;		/* IFLA_GROUP */
	u32		group;
	struct net	*net;			/* NULL: not given */
	bool		netns_given;
	bool		has_pid;		/* IFLA_NET_NS_PID */
	int		pid;
	unsigned int	txqlen;
};

int rtnl_setlink(struct net *net, const char *ifname,
		 struct rtnl_setlink_req *req, struct netlink_ext_ack *extack);

/* IFLA_LINK_NETNSID for a dump taken from @net; NETNSA_NSID_NOT_ASSIGNED if none */
int rtnl_link_netnsid(struct net *net, struct net_device *dev);

/*
 * RTM_GETLINK: `ip link show` reads devices only through these. A dump
 * calls @cb with a const struct rtnl_link_msg * per device of @net (only
 * devices of kind @kind, if not NULL); rtnl_getlink() fills @m for one
 * device, by @ifindex if not 0, else by @ifname (-ENODEV: none).
 */
int rtnl_dump_ifinfo(struct net *net, const char *kind, rtnl_dump_cb cb,
		     void *arg);
int rtnl_getlink(struct net *net, int ifindex, const char *ifname,
		 struct rtnl_link_msg *m);

/* Added by the core. */
/*
 * A link notification (RTM_NEWLINK/RTM_DELLINK) about @dev. 6.1 builds a
 * message for listeners; the simulator has none, but building it fills
 * IFLA_LINK_NETNSID, which allocates ids exactly as `ip link` later sees.
 */
#define RTM_NEWLINK	16
#define RTM_DELLINK	17
void rtmsg_ifinfo(int type, struct net_device *dev, unsigned int change,
		  gfp_t flags);
void rtmsg_ifinfo_newnet(int type, struct net_device *dev, unsigned int change,
			 gfp_t flags, int *new_nsid, int new_ifindex);
bool rtnl_is_locked(void);
/* sim: forget every registered kind (shutdown) */
void rtnl_link_reset(void);
/* Boot/shutdown of the rtnetlink core (its netdevice notifier). */
void rtnetlink_init(void);

#endif

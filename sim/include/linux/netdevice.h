/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct net_device and the device layer's API.
 * 6.1: include/linux/netdevice.h. Kept: the fields a veth pair touches and
 * that `ip link` prints, the ops tables, the private area rule, the per-CPU
 * softnet_data backlog. Left out: multiqueue (one TX and one RX queue), qdiscs
 * (veth is IFF_NO_QUEUE anyway), XDP, GRO, features, locking.
 */
#ifndef _SIM_LINUX_NETDEVICE_H
#define _SIM_LINUX_NETDEVICE_H

#include <linux/types.h>
#include <uapi/linux/if_link.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/atomic.h>
#include <linux/rcupdate.h>

struct net;
struct netlink_ext_ack;
struct rtnl_link_ops;
struct ethtool_ops;
struct in_device;
struct net_device;

#define IFNAMSIZ	16
#define IFALIASZ	256
#define MAX_ADDR_LEN	32
#define NETDEV_ALIGN	32	/* the private area starts 32-byte aligned */

/* dev->flags, from include/uapi/linux/if.h (what `ip link` prints) */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_DEBUG	0x4
#define IFF_LOOPBACK	0x8
#define IFF_POINTOPOINT	0x10
#define IFF_NOTRAILERS	0x20
#define IFF_RUNNING	0x40
#define IFF_NOARP	0x80
#define IFF_PROMISC	0x100
#define IFF_ALLMULTI	0x200
#define IFF_MASTER	0x400
#define IFF_SLAVE	0x800
#define IFF_MULTICAST	0x1000
#define IFF_LOWER_UP	0x10000
#define IFF_DORMANT	0x20000

/* dev->priv_flags, a subset of enum netdev_priv_flags */
#define IFF_LIVE_ADDR_CHANGE	(1u << 15)
#define IFF_NO_QUEUE		(1u << 19)	/* "qdisc noqueue" when up */

/* dev->type, from include/uapi/linux/if_arp.h */
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

/* dev->addr_assign_type */
#define NET_ADDR_PERM		0
#define NET_ADDR_RANDOM		1
#define NET_ADDR_SET		3

/* dev->reg_state */
enum {
	NETREG_UNINITIALIZED = 0,
	NETREG_REGISTERED,
	NETREG_UNREGISTERING,
	NETREG_UNREGISTERED,
	NETREG_RELEASED,
};

/* dev->operstate, RFC 2863, from include/uapi/linux/if.h */
enum {
	IF_OPER_UNKNOWN,
	IF_OPER_NOTPRESENT,
	IF_OPER_DOWN,
	IF_OPER_LOWERLAYERDOWN,
	IF_OPER_TESTING,
	IF_OPER_DORMANT,
	IF_OPER_UP,
};

/* dev->state bits */
enum netdev_state_t {
	__LINK_STATE_START,		/* set by dev_open(): "running" */
	__LINK_STATE_PRESENT,
	__LINK_STATE_NOCARRIER,
	__LINK_STATE_LINKWATCH_PENDING,
	__LINK_STATE_DORMANT,
	__LINK_STATE_TESTING,
};

typedef enum netdev_tx {
	NETDEV_TX_OK	 = 0x00,
	NETDEV_TX_BUSY	 = 0x10,
} netdev_tx_t;

#define NET_RX_SUCCESS	0	/* keep 'em coming, baby */
#define NET_RX_DROP	1	/* packet dropped */

/* The old-style counters (`ip -s link` prints the 64-bit ones). */
struct net_device_stats {
	unsigned long rx_packets, tx_packets, rx_bytes, tx_bytes;
	unsigned long rx_errors, tx_errors, rx_dropped, tx_dropped;
	unsigned long multicast, collisions;
	unsigned long rx_length_errors, rx_over_errors, rx_crc_errors;
	unsigned long rx_frame_errors, rx_fifo_errors, rx_missed_errors;
	unsigned long tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	unsigned long tx_heartbeat_errors, tx_window_errors;
	unsigned long rx_compressed, tx_compressed;
};

/* struct rtnl_link_stats64: include/uapi/linux/if_link.h */

struct net_device_ops {
	int		(*ndo_init)(struct net_device *dev);
	void		(*ndo_uninit)(struct net_device *dev);
	int		(*ndo_open)(struct net_device *dev);
	int		(*ndo_stop)(struct net_device *dev);
	netdev_tx_t	(*ndo_start_xmit)(struct sk_buff *skb,
					  struct net_device *dev);
	int		(*ndo_set_mac_address)(struct net_device *dev,
					       void *addr);
	int		(*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	void		(*ndo_get_stats64)(struct net_device *dev,
					   struct rtnl_link_stats64 *storage);
	int		(*ndo_get_iflink)(const struct net_device *dev);
	struct net_device *(*ndo_get_peer_dev)(struct net_device *dev);
};

/* dev->tstats: software counters a driver adds to (veth's tx). */
struct pcpu_sw_netstats {
	u64	rx_packets;
	u64	rx_bytes;
	u64	tx_packets;
	u64	tx_bytes;
};

/* dev->features, a subset of netdev_features_t */
#define NETIF_F_LLTX		(1u << 0)	/* no TX lock (veth, lo) */
#define NETIF_F_NETNS_LOCAL	(1u << 1)	/* cannot change netns (lo) */

/* dev->rtnl_link_state */
enum {
	RTNL_LINK_INITIALIZED,
	RTNL_LINK_INITIALIZING,
};

/* Link-layer header builders, 6.1: struct header_ops in netdevice.h. */
struct header_ops {
	int	(*create)(struct sk_buff *skb, struct net_device *dev,
			  unsigned short type, const void *daddr,
			  const void *saddr, unsigned int len);
	int	(*parse)(const struct sk_buff *skb, unsigned char *haddr);
};

struct net_device {
	char			name[IFNAMSIZ];
	struct list_head	dev_list;	/* in dev_net(dev)->dev_base_head */
	unsigned long		state;		/* __LINK_STATE_* bits */
	int			ifindex;
	int			iflink;		/* 6.1: via ndo_get_iflink only */
	unsigned int		flags;		/* IFF_* as user sees them */
	unsigned int		priv_flags;
	unsigned char		operstate;	/* IF_OPER_* */
	unsigned char		link_mode;
	unsigned int		mtu;
	unsigned int		min_mtu;
	unsigned int		max_mtu;
	unsigned short		type;		/* ARPHRD_* */
	unsigned short		hard_header_len;
	unsigned short		needed_headroom;
	unsigned char		addr_len;
	unsigned char		addr_assign_type;
	/* 6.1: dev_addr is a const pointer set by eth_hw_addr_set(); an array here */
	unsigned char		dev_addr[MAX_ADDR_LEN];
	unsigned char		broadcast[MAX_ADDR_LEN];
	unsigned int		tx_queue_len;
	int			group;
	int			reg_state;
	bool			needs_free_netdev;
	void			(*priv_destructor)(struct net_device *dev);

	const struct net_device_ops	*netdev_ops;
	const struct ethtool_ops	*ethtool_ops;
	const struct rtnl_link_ops	*rtnl_link_ops;
	const struct header_ops		*header_ops;

	struct net_device_stats	stats;
	atomic64_t		rx_dropped;	/* core drops: backlog full, ... */
	atomic64_t		tx_dropped;
	atomic64_t		rx_nohandler;

	struct net		*nd_net;	/* possible_net_t in 6.1 */
	struct in_device __rcu	*ip_ptr;	/* IPv4 state: addresses, conf */
	void			*ml_priv;
	struct list_head	unreg_list;	/* for unregister_netdevice_many */
	struct list_head	todo_list;

	/* alloc_netdev_mqs() stores how far it moved to align dev itself */
	unsigned short		padded;

	/* Added by the core (after the original fields, so none moved): */
	unsigned int		features;	/* NETIF_F_* subset below */
	unsigned char		name_assign_type;	/* NET_NAME_* */
	unsigned char		rtnl_link_state;	/* RTNL_LINK_* */
	bool			dismantle;	/* being unregistered */
	unsigned short		min_header_len;
	struct list_head	close_list;	/* for dev_close_many */
	struct pcpu_sw_netstats	tstats[1];	/* per-CPU in 6.1; NR_CPUS is 1 */
	unsigned int		carrier_up_count;
	unsigned int		carrier_down_count;
	/* The root qdisc's id as IFLA_QDISC reports it: "noop" until the
	 * first dev_open() attaches the default ("noqueue" for IFF_NO_QUEUE
	 * devices), kept when the device goes down, "noop" again after a
	 * namespace move (dev_shutdown()). The simulator never queues. */
	const char		*qdisc;
	/* 6.1: txq->qdisc is the root qdisc above (dev_activate() with the
	 * carrier on), not noop_qdisc, which drops every packet (device
	 * down, or up without carrier: dev_deactivate()). */
	bool			qdisc_active;
	/* 6.1: users of promiscuous mode (packet sockets, `promisc on`),
	 * and the flags the user asked for (IFF_PROMISC via `ip link`) */
	unsigned int		promiscuity;
	unsigned int		gflags;
	struct list_head	link_watch_list;	/* queued linkwatch event */
	/* 6.1: an RCU pointer to a struct dev_ifalias; NULL: none */
	char			*ifalias;
	/* queues allocated and in use (ethtool -l, the per-queue -S names);
	 * the simulator transmits and receives on queue 0 only */
	unsigned int		num_tx_queues;
	unsigned int		real_num_tx_queues;
	unsigned int		num_rx_queues;
	unsigned int		real_num_rx_queues;
};

/* net/core/dev.c, include/linux/netdevice.h: allocation and the private area */
struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *),
				    unsigned int txqs, unsigned int rxqs);
#define alloc_netdev(sizeof_priv, name, name_assign_type, setup) \
	alloc_netdev_mqs(sizeof_priv, name, name_assign_type, setup, 1, 1)
void free_netdev(struct net_device *dev);
/* 6.1: a static inline here; out of line in the simulator so students write it */
void *netdev_priv(const struct net_device *dev);

#define NET_NAME_UNKNOWN	0
#define NET_NAME_ENUM		1
#define NET_NAME_PREDICTABLE	2
#define NET_NAME_USER		3
#define NET_NAME_RENAMED	4

/* registration, in dev_net(dev) */
int register_netdevice(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdevice_queue(struct net_device *dev, struct list_head *head);
void unregister_netdevice_many(struct list_head *head);
void unregister_netdevice_many_notify(struct list_head *head);
static inline void unregister_netdevice(struct net_device *dev)
{
	unregister_netdevice_queue(dev, NULL);
}
int dev_alloc_name(struct net_device *dev, const char *name);
int dev_valid_name(const char *name);
int dev_change_name(struct net_device *dev, const char *newname);
int __dev_change_net_namespace(struct net_device *dev, struct net *net,
			       const char *pat);

/* 6.1: same, with new_ifindex 0 (keep it when the target has it free). */
static inline int dev_change_net_namespace(struct net_device *dev,
					   struct net *net, const char *pat)
{
	return __dev_change_net_namespace(dev, net, pat);
}

/* lookups in one namespace */
struct net_device *__dev_get_by_name(struct net *net, const char *name);
struct net_device *__dev_get_by_index(struct net *net, int ifindex);
#define for_each_netdev(net, d) \
	list_for_each_entry(d, &(net)->dev_base_head, dev_list)

/* up, down and carrier */
int dev_open(struct net_device *dev, struct netlink_ext_ack *extack);
void dev_close(struct net_device *dev);
void __dev_notify_flags(struct net_device *dev, unsigned int old_flags,
			unsigned int gchanges);
int dev_change_flags(struct net_device *dev, unsigned int flags,
		     struct netlink_ext_ack *extack);
int dev_set_mtu(struct net_device *dev, int new_mtu,
		struct netlink_ext_ack *extack);
int dev_set_mac_address(struct net_device *dev, const u8 *addr,
			struct netlink_ext_ack *extack);
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
void dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage);
int dev_get_iflink(const struct net_device *dev);
int dev_set_alias(struct net_device *dev, const char *alias, size_t len);
void dev_set_group(struct net_device *dev, int new_group);
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len);
int dev_get_alias(const struct net_device *dev, char *name, size_t len);

static inline bool netif_running(const struct net_device *dev)
{
	return dev->state & (1ul << __LINK_STATE_START);
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !(dev->state & (1ul << __LINK_STATE_NOCARRIER));
}

static inline struct net *dev_net(const struct net_device *dev)
{
	return dev->nd_net;
}

static inline void dev_net_set(struct net_device *dev, struct net *net)
{
	dev->nd_net = net;
}

/* notifier chain, for IPv4 and ARP to follow devices (NETDEV_UP, ...) */
enum netdev_cmd {
	NETDEV_UP = 1,
	NETDEV_DOWN,
	NETDEV_REBOOT,
	NETDEV_CHANGE,
	NETDEV_REGISTER,
	NETDEV_UNREGISTER,
	NETDEV_CHANGEMTU,
	NETDEV_CHANGEADDR,
	NETDEV_GOING_DOWN,
	NETDEV_CHANGENAME,
};

struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long action,
			     void *ptr);
	struct notifier_block *next;
	int priority;
};

#define NOTIFY_DONE	0x0000
#define NOTIFY_OK	0x0001
/* Added by the core: a notifier may veto (NETDEV_REGISTER, ...) */
#define NOTIFY_STOP_MASK	0x8000
#define NOTIFY_BAD		(NOTIFY_STOP_MASK | 0x0002)

static inline int notifier_from_errno(int err)
{
	return err ? NOTIFY_STOP_MASK | (NOTIFY_OK - err) : NOTIFY_OK;
}

static inline int notifier_to_errno(int ret)
{
	ret &= ~NOTIFY_STOP_MASK;
	return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

int register_netdevice_notifier(struct notifier_block *nb);
int call_netdevice_notifiers(unsigned long val, struct net_device *dev);
/* 6.1: the notifier gets a struct netdev_notifier_info; here the device itself */
static inline struct net_device *netdev_notifier_info_to_dev(const void *info)
{
	return (struct net_device *)info;
}

/* transmit: net/core/dev.c */
int dev_queue_xmit(struct sk_buff *skb);
struct sk_buff *dev_hard_start_xmit(struct sk_buff *skb, struct net_device *dev,
				    void *txq, int *ret);
void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev);

/* receive: net/core/dev.c */
int dev_forward_skb(struct net_device *dev, struct sk_buff *skb);
int __dev_forward_skb(struct net_device *dev, struct sk_buff *skb);
bool is_skb_forwardable(const struct net_device *dev,
			const struct sk_buff *skb);
int netif_rx(struct sk_buff *skb);
/* An outgoing broadcast's copy for this host (ip_mc_output()). */
struct sock;
int dev_loopback_xmit(struct net *net, struct sock *sk, struct sk_buff *skb);
int netif_receive_skb(struct sk_buff *skb);

/* Protocol handlers and taps (ptype_all, ptype_base). */
struct packet_type {
	__be16			type;	/* htons(ETH_P_ALL) for a tap */
	bool			ignore_outgoing;
	struct net_device	*dev;	/* NULL: any device */
	struct net		*af_packet_net;	/* taps: only this namespace */
	int			(*func)(struct sk_buff *skb,
					struct net_device *dev,
					struct packet_type *pt,
					struct net_device *orig_dev);
	void			*af_packet_priv;
	struct list_head	list;
};

void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);

/* NAPI and the per-CPU backlog */
enum {
	NAPI_STATE_SCHED,	/* poll is scheduled */
};

struct napi_struct {
	struct list_head	poll_list;
	unsigned long		state;
	int			weight;
	int			(*poll)(struct napi_struct *napi, int budget);
	struct net_device	*dev;
};

/* 6.1: one per CPU; the simulator has NR_CPUS CPUs and runs on smp_processor_id() */
struct softnet_data {
	struct list_head	poll_list;	/* NAPI instances to poll */
	unsigned int		processed;
	unsigned int		time_squeeze;
	unsigned int		received_rps;
	unsigned int		dropped;
	struct sk_buff_head	input_pkt_queue;	/* netif_rx() fills */
	struct sk_buff_head	process_queue;		/* process_backlog() drains */
	struct napi_struct	backlog;
	unsigned int		cpu;
};

#define NR_CPUS 1
extern struct softnet_data softnet_data[NR_CPUS];
static inline int smp_processor_id(void) { return 0; }
#define per_cpu(var, cpu)	((var)[(cpu)])
#define this_cpu_ptr(var)	(&(var)[smp_processor_id()])

/* sysctls under /proc/sys/net/core */
extern int netdev_max_backlog;		/* 1000 */
extern int netdev_budget;		/* 300 */
extern unsigned int netdev_budget_usecs;	/* 2 * USEC_PER_SEC / HZ */
extern int dev_rx_weight;		/* 64 */
extern int dev_tx_weight;		/* 64 */
extern int weight_p;			/* 64 */

/* NAPI: the student half of net/core/dev.c writes the backlog pieces */
void ____napi_schedule(struct softnet_data *sd, struct napi_struct *napi);
void __napi_schedule(struct napi_struct *n);
bool napi_complete_done(struct napi_struct *n, int work_done);
int enqueue_to_backlog(struct sk_buff *skb, int cpu, unsigned int *qtail);
int process_backlog(struct napi_struct *napi, int quota);
struct softirq_action;
/* 6.1: static in dev.c; visible here so unit tests can call it */
void net_rx_action(struct softirq_action *h);
int __netif_receive_skb(struct sk_buff *skb);

/* net/core/dev.c: boot-time setup, registering the softirq and backlogs */
int net_dev_init(void);

/* Added by the core. */
/* What `ip link` shows in <...>: RUNNING and LOWER_UP from operstate/carrier. */
unsigned int dev_get_flags(const struct net_device *dev);
int dev_set_promiscuity(struct net_device *dev, int inc);
/* netif_rx() for callers that already run with bottom halves off (veth, lo). */
int __netif_rx(struct sk_buff *skb);
int unregister_netdevice_notifier(struct notifier_block *nb);
void netdev_state_change(struct net_device *dev);
/* net/core/link_watch.c: carrier changes reach operstate (sync here) */
void linkwatch_fire_event(struct net_device *dev);
void linkwatch_init_dev(struct net_device *dev);
void linkwatch_forget_dev(struct net_device *dev);
void linkwatch_run_queue(void);
bool is_skb_forwardable(const struct net_device *dev,
			const struct sk_buff *skb);
int netif_rx_internal(struct sk_buff *skb);
int netdev_start_xmit(struct sk_buff *skb, struct net_device *dev);
int __dev_queue_xmit(struct sk_buff *skb, struct net_device *sb_dev);
int deliver_skb(struct sk_buff *skb, struct packet_type *pt_prev,
		struct net_device *orig_dev);
void napi_poll_backlog_init(struct softnet_data *sd);
int napi_poll(struct napi_struct *n, struct list_head *repoll);
void netdev_run_todo(void);
void flush_backlog(struct net_device *dev);
/* sim: the inverse of net_dev_init(), for a clean reboot in one process */
void net_dev_exit(void);
int dev_validate_mtu(struct net_device *dev, int mtu,
		     struct netlink_ext_ack *extack);
int dev_get_valid_name(struct net *net, struct net_device *dev,
		       const char *name);
/*
 * 6.1: a socket that wants receive timestamps (SO_TIMESTAMP: ping) turns
 * stamping on for every packet at netif_rx(); otherwise only taps get one.
 */
void net_enable_timestamp(void);
void net_disable_timestamp(void);
/*
 * net/core/dev_ioctl.c: SIOCGIFFLAGS / SIOCGIFINDEX on device ifr_name.
 * struct ifreq, reduced to the members these two use (6.1's is a union).
 */
#define SIOCGIFFLAGS	0x8913
#define SIOCGIFINDEX	0x8933
struct sim_ifreq {
	char	ifr_name[IFNAMSIZ];
	short	ifr_flags;	/* low 16 bits of dev_get_flags(), as 6.1 */
	int	ifr_ifindex;
};
int dev_ioctl(struct net *net, unsigned int cmd, struct sim_ifreq *ifr);

/*
 * net/core/net-sysfs.c: /sys/class/net of @net. Read a file into @buf
 * (PAGE_SIZE bytes): its length or -errno (-ENOENT, -EISDIR, -EINVAL);
 * list a directory through @fn: 0 or -errno (-ENOENT, -ENOTDIR).
 */
#define PAGE_SIZE	4096
long net_sysfs_read(struct net *net, const char *path, char *buf);
/* ... write @len bytes (as root): the bytes taken, or -errno (-EACCES: read-only) */
long net_sysfs_write(struct net *net, const char *path, const char *buf,
		     size_t len);
int net_sysfs_readdir(struct net *net, const char *path,
		      void (*fn)(const char *name, void *arg), void *arg);
/* net/core/net-procfs.c: /proc/net/softnet_stat into @buf (snprintf rules). */
size_t softnet_seq_show(char *buf, size_t size);
/* net/core/net-procfs.c: /proc/net/dev of @net into @buf (snprintf rules). */
size_t dev_seq_show(struct net *net, char *buf, size_t size);
/* Names of the IF_OPER_* states as `ip link` prints them. */
const char *netdev_operstate_name(unsigned char operstate);
/* dev_core_stats_*_inc in 6.1 */
static inline void dev_core_stats_rx_dropped_inc(struct net_device *dev)
{
	atomic64_inc(&dev->rx_dropped);
}

static inline void dev_core_stats_tx_dropped_inc(struct net_device *dev)
{
	atomic64_inc(&dev->tx_dropped);
}

static inline void dev_core_stats_rx_nohandler_inc(struct net_device *dev)
{
	atomic64_inc(&dev->rx_nohandler);
}

static inline void dev_sw_netstats_tx_add(struct net_device *dev,
					  unsigned int packets,
					  unsigned int len)
{
	dev->tstats->tx_packets += packets;
	dev->tstats->tx_bytes += len;
}

static inline void dev_sw_netstats_rx_add(struct net_device *dev,
					  unsigned int len)
{
	dev->tstats->rx_packets++;
	dev->tstats->rx_bytes += len;
}

static inline bool netif_oper_up(const struct net_device *dev)
{
	return dev->operstate == IF_OPER_UP ||
	       dev->operstate == IF_OPER_UNKNOWN;
}

static inline bool netif_device_present(const struct net_device *dev)
{
	return dev->state & (1ul << __LINK_STATE_PRESENT);
}

static inline int dev_hard_header(struct sk_buff *skb, struct net_device *dev,
				  unsigned short type, const void *daddr,
				  const void *saddr, unsigned int len)
{
	if (!dev->header_ops || !dev->header_ops->create)
		return 0;
	return dev->header_ops->create(skb, dev, type, daddr, saddr, len);
}

#define XMIT_RECURSION_LIMIT	8
#define DEFAULT_TX_QUEUE_LEN	1000
#define NET_SKB_PAD		32
#define NET_XMIT_SUCCESS	0x00
#define NET_XMIT_DROP		0x01
#define NET_XMIT_CN		0x02

#endif

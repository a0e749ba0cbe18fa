// SPDX-License-Identifier: GPL-2.0-only
/*
 * vethkind.ko: the link kind "veth" and nothing else, for lab 6's kind_*
 * tests. While a student's vethlab.ko is graded the stock veth.ko is not
 * in the guest at all (a module could call into it, or load it and let it
 * make the pairs), so the clash that kind_clash_refused checks is played
 * by this stand-in: it takes the name "veth" in rtnl_link_register() as
 * veth.ko would, and makes no device.
 */
#include <linux/module.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

static int vethkind_newlink(struct net *src_net, struct net_device *dev,
			    struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG(extack, "vethkind only holds the link kind veth");
	return -EOPNOTSUPP;
}

static struct rtnl_link_ops vethkind_ops = {
	.kind		= "veth",
	.setup		= ether_setup,
	.newlink	= vethkind_newlink,
};

static int __init vethkind_init(void)
{
	return rtnl_link_register(&vethkind_ops);
}

static void __exit vethkind_exit(void)
{
	rtnl_link_unregister(&vethkind_ops);
}

module_init(vethkind_init);
module_exit(vethkind_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("the link kind veth, held for vethlab's kind tests");

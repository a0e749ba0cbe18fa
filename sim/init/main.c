// SPDX-License-Identifier: GPL-2.0
/*
 * Booting the simulated kernel, and taking it apart again.
 * 6.1: init/main.c start_kernel() and the initcalls it runs
 * (net_ns_init, net_dev_init, inet_init, module_init(veth_init), ...).
 * The simulator boots in microseconds, so every unit test boots a fresh
 * kernel; sim_shutdown_kernel() frees everything so that the next
 * sim_start_kernel() in the same process starts from scratch.
 */
#include <stdio.h>
#include <linux/start_kernel.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/ftrace.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

/* initcalls of other files (static in 6.1, called by do_initcalls()) */
int inet_init(void);
int veth_init(void);
void veth_exit(void);

static bool booted;

/* sim: has sim_start_kernel() run? */
bool sim_kernel_booted(void)
{
	return booted;
}

/*
 * 6.1: start_kernel() -> ... -> do_initcalls(), in initcall order: the
 * namespace core (pure), the device layer (subsys), IPv4 (fs), drivers
 * (device). init_net is the namespace the shell starts in: like a fresh
 * `unshare --net`, it has only lo, and lo is down.
 */
int sim_start_kernel(void)
{
	int err;

	if (booted)
		sim_shutdown_kernel();
	sim_time_reset();
	softirq_reset();
	ftrace_shutdown();
	rtnetlink_init();

	err = net_ns_init();
	if (err)
		goto fail;
	err = net_dev_init();
	if (err)
		goto fail;
	err = inet_init();
	if (err)
		goto fail;
	err = veth_init();
	if (err)
		goto fail;
	booted = true;
	return 0;

fail:
	fprintf(stderr, "sim_start_kernel: boot failed (%d)\n", err);
	booted = true;
	sim_shutdown_kernel();
	return err;
}

/*
 * Not in 6.1: the reverse of sim_start_kernel(). Every namespace is
 * destroyed (its devices unregistered, veth pairs through dellink, IPv4
 * state through its pernet exits), then the queued packets, the timers
 * and every registration (kinds, pernet ops, notifiers, packet types)
 * are forgotten.
 */
void sim_shutdown_kernel(void)
{
	if (!booted)
		return;
	softirq_set_stepping(false);
	/* Let what is in flight land first, as a real shutdown would. */
	if (!in_softirq())
		do_softirq();
	net_ns_exit();
	net_dev_exit();
	veth_exit();
	rtnl_link_reset();
	softirq_reset();
	sim_time_reset();
	ftrace_shutdown();
	skb_cache_drain();
	booted = false;
}

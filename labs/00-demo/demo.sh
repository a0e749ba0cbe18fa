# The classroom demo: the three source articles' stories, one step at a time.
# `make demo` plays it in vethsim and, where it may, on the real kernel too.
# Lines starting "## " are the narration, "#= " starts a part, "#@ " steers
# a step (vethlab/classroom/demo.py explains them); "sim ..." lines exist only in vethsim.

#= Part 1: two namespaces and a ping (article 000)
## A fresh network namespace holds only the loopback device.
ip link list
## One command makes two devices. veth_newlink() registers the peer (veth1)
## first, so it gets the lower ifindex; then both private areas point at
## each other.
ip link add veth0 type veth peer name veth1
ip link list
## Look inside: struct net_device, then the veth_priv that netdev_priv()
## finds 32-byte aligned right after it (article 001). Its peer field holds veth1.
sim netdev veth0
## Two namespaces, like two containers.
ip netns add ns0
ip netns add ns1
ip netns list
## Moving an end to another namespace. Each end now names its peer by
## ifindex only ("@if2"): the peer's name means nothing in this namespace.
ip link set veth0 netns ns0
ip link set veth1 netns ns1
ip link list
ip netns exec ns0 ip link list
ip netns exec ns1 ip link list
## Addresses and up. Bringing veth0 up does not give it a carrier until its
## peer is up too (veth_open() turns the carrier on for both ends).
ip netns exec ns0 ip addr add 10.1.1.1/24 dev veth0
ip netns exec ns0 ip link set veth0 up
ip netns exec ns1 ip addr add 10.1.1.2/24 dev veth1
ip netns exec ns1 ip link set veth1 up
ip netns exec ns0 ip addr list
## Watch the wire from ns1's end (ARP and ICMP only: IPv6 chatter is filtered).
ip netns exec ns1 tcpdump -i veth1 -n -l --immediate-mode arp or icmp &
## A first ping resolves veth0's MAC with ARP (the capture sees it), so that
## the traced ping below carries only the echo request and its reply.
ip netns exec ns1 ping 10.1.1.1 -c 1 -I veth1
## Record one ping with the function_graph tracer, graphing what veth_xmit()
## and net_rx_action() call.
sim trace function_graph veth_xmit,net_rx_action
ip netns exec ns1 ping 10.1.1.1 -c 1 -I veth1
sim trace off
## The path as Linux 6.1 names it: veth_xmit -> __dev_forward_skb -> __netif_rx ->
## enqueue_to_backlog, which queues the frame and raises NET_RX_SOFTIRQ. The
## articles' dev_forward_skb() and netif_rx() still exist (other drivers call
## them); 6.1's veth_xmit calls __dev_forward_skb() and then __netif_rx(), the
## netif_rx() for callers that already run with bottom halves off.
## On the way out of __dev_queue_xmit the softirq runs net_rx_action ->
## process_backlog -> __netif_receive_skb_core, and the reply takes the same path.
#@ show /^#|\b(veth_xmit|__dev_forward_skb|__netif_rx|netif_rx_internal|enqueue_to_backlog|____napi_schedule|net_rx_action|__napi_poll|process_backlog|__netif_receive_skb(_one_core|_core)?|ip_rcv|icmp_rcv|icmp_echo)\(\)/
sim trace show
## The article's pings, both ways.
ip netns exec ns1 ping 10.1.1.1 -c 4 -I veth1
ip netns exec ns0 ping 10.1.1.2 -c 4 -I veth0
sleep 1
kill %1
#@ timing /\bARP\b|packets (captured|received)/ ARP re-probes a stale entry when its timers fire
wait

#= Part 2: one namespace, two ends (article 003)
## Both ends in the host's namespace this time. IPv6 off, so that the capture
## below shows only ARP and IPv4 (new devices copy conf/default).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
## lo up, as on the article's host: this part's echo replies travel over lo.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip addr add 192.168.1.1/24 dev veth0
ip addr add 192.168.1.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
## Ping one local address out of the other's device. The socket is bound to
## veth0, so the packet must cross the pair; first ARP must find veth1's MAC.
#@ expect-fail veth1 dropped the ARP request: its sender, 192.168.1.1, is one of our own addresses
ping -c 1 -W 1 -I veth0 192.168.1.2
## With accept_local=0 fib_validate_source() rejects a packet from a local
## address, so ARP never completes (the entry stays INCOMPLETE). Flush it.
ip neigh show dev veth0
ip neigh flush dev veth0
## The article's five settings: no reverse-path filter, accept local sources.
echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth0/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth1/rp_filter
echo 1 > /proc/sys/net/ipv4/conf/veth1/accept_local
echo 1 > /proc/sys/net/ipv4/conf/veth0/accept_local
## Capture on veth0 and ping again.
tcpdump -i veth0 -n -l --immediate-mode &
ping -c 3 -I veth0 192.168.1.2
sleep 1
kill %2
## The article's trace: an ARP request and reply, then echo requests only. The
## replies are addressed to 192.168.1.1, a local address, so they go over lo.
wait

#= Part 3: lo beside veth (article 003)
## Trace the next ping, graphing the two drivers' transmit functions.
sim trace function_graph veth_xmit,loopback_xmit
ping -c 1 -I veth0 192.168.1.2
sim trace off
## The request leaves by veth_xmit(), the reply by loopback_xmit(). Both set
## skb->protocol with eth_type_trans() and queue with __netif_rx(), into the same
## per-CPU backlog. The one difference: veth hands the frame to its peer
## (__dev_forward_skb() makes veth1 the skb's device); lo receives it itself.
#@ show /^#|\b(veth_xmit|loopback_xmit|__dev_forward_skb|eth_type_trans|__netif_rx|netif_rx_internal|enqueue_to_backlog)\(\)/
sim trace show
## lo's transmit is its own receive: its RX counters equal its TX counters.
ip -s link show lo

# The classroom demo: the story of source article 000, one step at a time.
# `make demo` plays it in vethsim and, where it may, on the real kernel too.
# Lines starting "## " are the narration; "sim ..." lines exist only in vethsim.

## A fresh network namespace holds only the loopback device.
ip link list
## One command makes two devices. veth_newlink() registers the peer (veth1)
## first, so it gets the lower ifindex; then both private areas point at
## each other.
ip link add veth0 type veth peer name veth1
ip link list
## Look inside: struct net_device, then the veth_priv that netdev_priv()
## finds 32-byte aligned right after it. Its peer field holds veth1.
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
ip netns exec ns1 tcpdump -i veth1 -n -e -l --immediate-mode arp or icmp &
## Record one ping's path with the function_graph tracer, then read it:
## veth_xmit -> dev_forward_skb -> netif_rx -> enqueue_to_backlog, then
## NET_RX_SOFTIRQ runs net_rx_action -> process_backlog ->
## __netif_receive_skb_core on the way out of the transmit path.
sim trace function_graph
ip netns exec ns1 ping 10.1.1.1 -c 1 -I veth1
sim trace off
sim trace show
## The article's pings, both ways.
ip netns exec ns1 ping 10.1.1.1 -c 4 -I veth1
ip netns exec ns0 ping 10.1.1.2 -c 4 -I veth0
sleep 1
kill %1
wait

# A pair made straight across two namespaces with "ip -n", then what the
# kernel counts: ip -br, routes, ip -s link counters after 3 pings, the
# neighbour entry, ethtool's peer_ifindex, and deleting a namespace.
ip netns add ns0
ip netns add ns1
# No IPv6 here: router solicitations and MLD reports, sent at times that
# vary, would add to the packet counters.  "ip netns add" makes
# namespaces whose IPv6 settings are the kernel defaults, so set each one.
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns0 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns1 sysctl -w net.ipv6.conf.default.disable_ipv6=1
# Created in ns0, the peer goes straight to ns1: both get ifindex 2.
ip -n ns0 link add veth0 type veth peer name veth1 netns ns1
ip netns list
ip -n ns0 link show
ip -n ns1 link show
ip -n ns0 -br link
ip -n ns0 addr add 10.1.1.1/24 dev veth0
ip -n ns1 addr add 10.1.1.2/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
# The operational state ("state UP", the -br column) follows the carrier
# through the kernel's linkwatch, which may wait up to a second when a
# device's ifindex equals its peer's (here both are 2).  Wait it out.
sleep 2
ip -n ns0 -br addr
ip -n ns1 -br addr
ip -n ns0 route show
ip -n ns0 -s link show veth0
ip netns exec ns0 ping -c 3 -i 0.2 10.1.1.2
# What veth0 sent (1 ARP request of 42 bytes, 3 echo requests of 98) is
# what veth1 received, and the other way round.
ip -n ns0 -s link show veth0
ip -n ns1 -s link show veth1
ip -n ns0 neigh show dev veth0
ip -n ns1 neigh show dev veth1
ip netns exec ns0 ethtool -S veth0
ip netns exec ns0 ethtool -i veth0
# Deleting ns1 deletes veth1, and with it its peer veth0.
ip netns del ns1
# The namespace is torn down by a kernel worker (cleanup_net) after the
# last reference goes, not by "ip netns del" itself: give it a moment.
sleep 1
ip netns list
ip -n ns0 link show

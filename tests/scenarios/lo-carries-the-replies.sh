# Seed 003's lesson, shown the other way round: with both ends in one
# namespace the echo replies travel over lo, not over the veth pair.
# The host's own namespace has lo up (its init brought it up at boot), so
# this runs in a new namespace, where lo starts DOWN as it does in any
# container: same set-up as seed003 (IPv6 off, the article's five settings).
ip netns add ns0
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns0 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip -n ns0 link show lo
ip -n ns0 link add veth0 type veth peer name veth1
ip -n ns0 addr add 192.168.1.1/24 dev veth0
ip -n ns0 addr add 192.168.1.2/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns0 link set veth1 up
ip netns exec ns0 sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec ns0 sysctl -w net.ipv4.conf.veth0.rp_filter=0
ip netns exec ns0 sysctl -w net.ipv4.conf.veth1.rp_filter=0
ip netns exec ns0 sysctl -w net.ipv4.conf.veth1.accept_local=1
ip netns exec ns0 sysctl -w net.ipv4.conf.veth0.accept_local=1
# ARP now works and the request crosses the pair, but the reply is handed
# to lo, which is down: it is dropped there.
ip netns exec ns0 ping -c 2 -W 1 -I veth0 192.168.1.2
ip -n ns0 neigh show dev veth0
ip -n ns0 -s link show veth0
ip -n ns0 -s link show lo
# Bring lo up and the same ping works.
ip -n ns0 link set lo up
ip netns exec ns0 ping -c 2 -W 1 -I veth0 192.168.1.2
ip -n ns0 -s link show veth1
ip -n ns0 -s link show lo

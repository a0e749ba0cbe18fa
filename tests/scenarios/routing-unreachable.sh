# A router namespace r in front of a second subnet: what h1 hears when a
# forwarded packet cannot go on. No route: net unreachable at once;
# nobody answers ARP on the far side: host unreachable about 3 s later
# (3 probes 1 s apart), from the router's address on h1's side.
ip netns add h1
ip netns add r
ip netns exec h1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec h1 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec r sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec r sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip -n h1 link add a0 type veth peer name a1 netns r
# The far side's pair stays in r; b0 has no address, so no one answers.
ip -n r link add b1 type veth peer name b0
ip -n h1 addr add 10.1.1.1/24 dev a0
ip -n r addr add 10.1.1.254/24 dev a1
ip -n r addr add 10.2.2.254/24 dev b1
ip -n h1 link set a0 up
ip -n r link set a1 up
ip -n r link set b1 up
ip -n r link set b0 up
ip -n h1 route add default via 10.1.1.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
# Let the carriers settle (linkwatch), as in pair-across-namespaces.
sleep 2
ip netns exec h1 ping -c 1 -W 1 10.3.3.1
ip -n r route get 10.3.3.1 from 10.1.1.1 iif a1
ip netns exec h1 ping -c 1 -W 5 10.2.2.9
ip -n r neigh show dev b1
ip -n r -s link show b1

# A router whose far side has a smaller MTU (1000): what happens to a
# packet too big for it. Without DF the router fragments it and h2
# reassembles it (and h2's answer is fragmented on its way back); with
# DF the router answers "Frag needed" and names the MTU. (-M dont goes
# first: the frag-needed answer makes h1 remember the path MTU.)
ip netns add h1
ip netns add r
ip netns add h2
ip netns exec h1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec h1 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec r sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec r sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec h2 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec h2 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip -n h1 link add a0 type veth peer name a1 netns r
ip -n h2 link add b0 type veth peer name b1 netns r
ip -n h1 addr add 10.1.1.1/24 dev a0
ip -n r addr add 10.1.1.254/24 dev a1
ip -n r addr add 10.2.2.254/24 dev b1
ip -n h2 addr add 10.2.2.1/24 dev b0
ip -n h1 link set a0 up
ip -n r link set a1 up
ip -n r link set b1 up
ip -n r link set b1 mtu 1000
ip -n h2 link set b0 mtu 1000
ip -n h2 link set b0 up
ip -n h1 link set lo up
ip -n r link set lo up
ip -n h2 link set lo up
# Let the carriers settle (linkwatch), as in pair-across-namespaces.
sleep 2
ip -n h1 route add default via 10.1.1.254
ip -n h2 route add default via 10.2.2.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -s 1200 -M dont 10.2.2.1
ip netns exec h1 ping -c 1 -s 1200 -M do 10.2.2.1
ip -n r -s link show b1
ip -n h2 -s link show b0

# A router namespace r between two pairs (h1 a0--a1 r b1--b0 h2), as a
# student builds it after the articles: does a veth pair route?
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
ip -n h2 link set b0 up
ip -n h1 link set lo up
ip -n r link set lo up
ip -n h2 link set lo up
# Let the carriers settle (linkwatch), as in pair-across-namespaces.
sleep 2
# No route to 10.2.2.0/24 yet: the error is local, from connect().
ip netns exec h1 ping -c 1 -W 1 10.2.2.1
ip -n h1 route add default via 10.1.1.254
ip -n h2 route add default via 10.2.2.254
ip -n h1 route show default
# iproute2 does not repeat what the filter fixed: no "dev a0" here.
ip -n h1 route show dev a0
ip -n h1 route show 10.1.1.0/24
# r has the route but does not forward yet: it drops the packet and
# tells nobody (6.1 ip_error(): ICMP only when the device forwards).
ip netns exec h1 ping -c 1 -W 1 10.2.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
# Forwarded: each hop takes one off the TTL (64 -> 63).
ip netns exec h1 ping -c 2 -i 0.2 -W 1 10.2.2.1
# TTL 1 dies at the router, which says so.
ip netns exec h1 ping -c 1 -t 1 -W 1 10.2.2.1
# What the router counted on its side towards h2.
ip -n r -s link show b1
# The same decision, asked of the routing code without a packet.
ip -n r route get 10.2.2.1 from 10.1.1.1 iif a1
ip -n r route get 10.1.1.254 from 10.1.1.1 iif a1
ip -n r route get 10.2.2.1
ip -n h1 route get 10.2.2.1 from 10.1.1.1
# h1 does not forward, so a packet "from lo" to elsewhere has no route.
ip -n h1 route get 10.2.2.1 from 10.1.1.1 iif lo
ip -n h1 route get 10.2.2.1 iif nosuch
ip -n h1 route flush
ip -n h1 route flush default
ip -n h1 route show
# All of 127/8 is local (a "local 127.0.0.0/8" route on lo).
ip -n h1 route show table local dev lo
ip netns exec h1 ping -c 1 127.1.2.3

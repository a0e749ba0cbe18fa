# ip -j for routes and neighbours: the main table with a default route, a
# host route with a metric and a static one; the local table (types,
# scopes, prefsrc); a linkdown route; neighbour entries by hand and learnt;
# a device filter leaves "dev" out (in the text form too).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns0
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 address 02:00:00:00:09:01 type veth peer name veth1 address 02:00:00:00:09:02 netns ns0
ip addr add 10.9.0.1/24 dev veth0
ip -n ns0 addr add 10.9.0.2/24 dev veth1
ip link set veth0 up
ip -j route
ip -n ns0 link set veth1 up
ip route add default via 10.9.0.2
ip route add 10.99.0.5 via 10.9.0.2 metric 7
ip route add 10.98.0.0/16 dev veth0 proto static scope link
ip -j route
ip -j -p route show dev veth0
ip -j route show table local
ip -j -p route show table all dev lo
ip -j neigh
ip neigh add 10.9.0.7 lladdr 02:00:00:00:09:07 dev veth0
ip -j -p neigh
ip neigh del 10.9.0.7 dev veth0
ping -c 1 10.9.0.2
ip -j neigh show dev veth0
ip -n ns0 -j -p neigh
ip route show dev veth0

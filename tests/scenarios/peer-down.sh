# One end up, its peer down: the up end has no carrier (NO-CARRIER,
# LOWERLAYERDOWN), its route is marked linkdown, and ping gets no answer.
# Where do the packets go?  Without carrier the device transmits into
# noop_qdisc, which drops them before the driver (and before the taps:
# tcpdump on veth0 sees nothing): veth1 never sees them.
# (6.1 counts those drops nowhere; the test box's newer kernel counts
# them as TX dropped: docs/differences.md.)
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 type veth peer name veth1 netns ns1
ip addr add 10.6.0.1/24 dev veth0
ip -n ns1 addr add 10.6.0.2/24 dev veth1
ip link set veth0 up
ip link show veth0
ip route show
tcpdump -i veth0 -n -l --immediate-mode &
ping -c 1 -W 1.5 10.6.0.2
kill %1
wait
ip -s link show veth0
ip -n ns1 -s link show veth1
ip neigh show dev veth0
# The peer comes up: carrier on both ends.
ip -n ns1 link set veth1 up
sleep 1
ip link show veth0
ip route show
ping -c 1 -W 1 10.6.0.2
# The peer goes down again after the neighbour is known.
ip -n ns1 link set veth1 down
ip link show veth0
ping -c 1 -W 1.5 10.6.0.2
ip -s link show veth0
ip -n ns1 -s link show veth1

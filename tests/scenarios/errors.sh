# errors: bad input, and the exact messages and exit codes of the real tools
# (iproute2 6.1, iputils 20221126, tcpdump 4.99.3, procps sysctl, bash).
#
# No such device.
ip link set veth9 up
ip link show dev veth9
ip addr add 10.0.0.1/24 dev veth9
ip link del veth9
#
# A pair, then the same names again (either name taken is enough).
ip link add veth0 type veth peer name veth1
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth1
# Names longer than 15 characters are refused by the kernel's policy.
ip link add veth-with-a-very-long-name type veth peer name veth3
ip link add veth5 type nosuchkind
#
# MTU limits of a veth device: 68 .. 65535.
ip link set veth0 mtu 20
ip link set veth0 mtu 65536
ip link set veth0 mtu 68
ip link set veth0 mtu 1500
#
# A peer in, or a move to, a namespace that does not exist.
ip link add veth3 type veth peer name veth4 netns missing
ip link set veth0 netns missing
#
# Addresses.
ip addr add 10.0.0.1/33 dev veth0
ip addr add 10.0.0.300/24 dev veth0
ip addr add 10.0.0.1/24 dev veth0
# Not here: adding the same address twice and deleting a missing one. Linux
# 6.1 answers both without a message ("RTNETLINK answers: File exists",
# "... Cannot assign requested address"); later kernels (this golden's host)
# say "Error: ipv4: Address already assigned." and "... Address not found.".
# vethsim follows 6.1; test_addr_dup_and_missing in tests/unit/check_route.c
# checks those two answers.
ip link set dev veth0 address 01:02:03:04:05:06
#
# Namespaces.
ip netns add ns0
ip netns add ns0
ip netns del nope
ip netns exec nope ip link show
#
# ping: no route; no such device; a silent neighbour on the link
# (no ARP reply: 100% loss after -W 1 second, exit code 1).
ip link set veth0 up
ip link set veth1 up
ping -c 1 -W 1 10.9.9.9
ping -c 1 -W 1 -I veth9 10.0.0.2
ping -c 1 -W 1 -I veth0 10.0.0.2
#
# tcpdump: no such device, a device that is down, a bad filter.
tcpdump -i nosuchdev
ip link set veth1 down
tcpdump -i veth1 -n
tcpdump -i veth0 -n -c 1 bogus filter
tcpdump -i veth0 -n -c 1 port 99999
#
# sysctl and /proc/sys.
sysctl -w net.ipv4.conf.veth0.nosuchkey=1
sysctl net.ipv4.conf.veth9.rp_filter
sysctl -w net.ipv4.conf.veth0.rp_filter=abc
echo 1 > /proc/sys/net/ipv4/conf/veth9/rp_filter
echo abc > /proc/sys/net/ipv4/conf/veth0/rp_filter
#
# Routes and neighbours.
ip route add 10.5.0.0/16 via 10.0.0.254
ip route add 10.5.0.0/16 via 10.9.9.9
ip route add 10.5.0.0/16 dev veth9
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth9
#
# Deleting one end deletes the pair.
ip link del veth1
ip link del veth0
ip link show

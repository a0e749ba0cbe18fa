# ip -j and ip -j -p for links and addresses: what a script parsing
# iproute2's JSON gets for a pair in one namespace and a pair across two
# (link vs link_index, link_netnsid), with -s, -s -s, -d, -br, an alias,
# a secondary address, and the empty objects the `up` filter leaves.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns0
ip link add veth0 address 02:00:00:00:08:01 numtxqueues 2 numrxqueues 2 type veth peer name veth1 address 02:00:00:00:08:02 numtxqueues 2 numrxqueues 2
ip link add veth2 address 02:00:00:00:08:03 type veth peer name veth3 address 02:00:00:00:08:04 netns ns0
ip addr add 10.8.0.1/24 dev veth0
ip addr add 10.8.0.2/24 dev veth0
ip addr add 10.8.1.1/24 brd + dev veth2 label veth2:x
ip link set veth0 up
ip link set veth2 alias "to \"ns0\""
ip -j link
ip -j -p link show veth0
ip -j -s link show veth0
ip -j -p -s link show veth2
ip -j -d link show veth0
ip -j -p -s -s link show lo
ip -j addr
ip -j -p addr show dev veth0
ip -j -s addr show dev lo
ip -j -4 addr
ip -j -br link
ip -j -br addr
ip -j link show type veth up
ip -j addr show up
ip -j -o link show lo
ip -j link show veth9
ip -j addr show dev veth9
ip -n ns0 -j -p link

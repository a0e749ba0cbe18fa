# ip -s -s link: the second -s adds the error breakdown lines.  The
# counters of a pair after traffic both ways.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 type veth peer name veth1 netns ns1
ip addr add 10.3.0.1/24 dev veth0
ip -n ns1 addr add 10.3.0.2/24 dev veth1
ip link set veth0 up
ip -n ns1 link set veth1 up
ip -s -s link show veth0
ping -c 2 -i 0.2 10.3.0.2
ip netns exec ns1 ping -c 1 10.3.0.1
ip -s -s link show veth0
ip -n ns1 -s -s link show veth1
ip -s link show lo

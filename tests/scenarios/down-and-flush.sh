# Taking an end down: its routes go, its addresses stay; the peer loses
# carrier.  ip addr flush removes the addresses.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.14.0.1/24 dev veth0
ip addr add 10.14.0.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
ip route show
ip route show table local
ip link set veth0 down
ip route show
ip route show table local
ip addr show dev veth0
ip link show veth1
ip addr flush dev veth0
ip addr show dev veth0
ip link set veth0 up
ip route show

# Addresses on a veth and the routes the kernel adds for them: the
# connected route appears only while the device is up; a second address
# in the same subnet is "secondary".
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.11.0.1/24 dev veth0
ip route show
ip addr add 10.11.0.2/24 dev veth0
ip addr add 10.12.0.1/16 dev veth0
ip addr show dev veth0
ip link set veth0 up
ip route show
ip link set veth1 up
ip route show
ip route add 10.20.0.0/16 via 10.11.0.9
ip route show
ip addr del 10.11.0.1/24 dev veth0
ip addr show dev veth0
ip route show
ip link set veth0 down
ip route show

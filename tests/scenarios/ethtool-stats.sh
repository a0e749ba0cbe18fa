# ethtool on a veth: the driver, and its per-queue statistics.  On lo:
# no driver information and no statistics.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ethtool -i veth0
ethtool -S veth0
ethtool -S veth1
ethtool -i lo
ethtool -S lo
ethtool -i veth9
ethtool -S veth9
ip link set veth0 up
ip link set veth1 up
ip addr add 10.9.0.1/24 dev veth0
ip addr add 10.9.0.2/24 dev veth1
ping -c 1 -W 1 -I veth0 10.9.0.2
ethtool -S veth0

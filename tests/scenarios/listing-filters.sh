# Narrowing a listing: by type, by state, by family, one line per device;
# and the counters of every device at once in /proc/net/dev.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip addr add 10.15.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
ip link show type veth
ip link show up
ip -4 addr show
ip -o link show veth0
ip -o addr show dev veth0
ip addr show up
cat /proc/net/dev
ping -c 1 -W 0.3 10.15.0.2
cat /proc/net/dev

# Writing to /sys/class/net as root: mtu, tx_queue_len, ifalias (one
# trailing newline dropped), netdev_group and flags (which brings veth0 up)
# take effect as ip link set would; out-of-range or non-numbers are EINVAL,
# carrier is EOPNOTSUPP for a veth, read-only files are refused at open;
# 6.1 refuses a queue length above 32767 (docs/differences.md).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
echo 1400 > /sys/class/net/veth0/mtu
cat /sys/class/net/veth0/mtu
echo 70000 > /sys/class/net/veth0/mtu
echo abc > /sys/class/net/veth0/mtu
echo 500 > /sys/class/net/veth0/tx_queue_len
echo "hello there" > /sys/class/net/veth0/ifalias
ip link show veth0
cat /sys/class/net/veth0/ifalias
echo 0 > /sys/class/net/veth0/carrier
echo 7 > /sys/class/net/veth0/netdev_group
echo 5 > /sys/class/net/veth0/ifindex
echo 5 > /sys/class/net/veth9/mtu
echo 0x1003 > /sys/class/net/veth0/flags
echo 1 > /sys/class/net/veth0/statistics/rx_bytes
echo 1 > /sys/class/net/veth0/queues
echo 99999 > /sys/class/net/veth0/tx_queue_len
echo 0 > /sys/class/net/veth0/flags
cat /sys/class/net/veth0/flags /sys/class/net/veth0/operstate
ip link set veth0 txqueuelen 40000
cat /sys/class/net/veth0/tx_queue_len

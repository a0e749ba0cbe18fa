# Seed 003's lesson, shown the other way round: with both ends in one
# namespace the echo replies travel over lo, not over the veth pair.
# Same set-up as seed003 (IPv6 off, the article's five settings), but lo
# stays DOWN, as it is in a fresh namespace.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 192.168.1.1/24 dev veth0
ip addr add 192.168.1.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth0/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth1/rp_filter
echo 1 > /proc/sys/net/ipv4/conf/veth1/accept_local
echo 1 > /proc/sys/net/ipv4/conf/veth0/accept_local
# ARP now works and the request crosses the pair, but the reply is handed
# to lo, which is down: it is dropped there.
ping -c 2 -W 1 -I veth0 192.168.1.2
ip neigh show dev veth0
ip -s link show veth0
ip -s link show lo
# Bring lo up and the same ping works.
ip link set lo up
ping -c 2 -W 1 -I veth0 192.168.1.2
ip -s link show veth1
ip -s link show lo

# seed003: both ends in one namespace; rp_filter/accept_local (article 003).
#
# No IPv6 on this link: with IPv6 on, the kernel sends router and
# neighbour solicitations and MLD reports at times that vary from run to
# run, and they would show up in the capture.  The sysctls are per
# namespace and must be set before the pair exists (new devices copy
# conf/default).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
# Like the article's host (and vethsim, which boots like one), this
# namespace has lo up: the echo replies of this lesson travel over it.
ip link add veth0 type veth peer name veth1
ip link show
ip addr add 192.168.1.1/24 dev veth0
ip addr add 192.168.1.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
ip addr show
# With the default accept_local=0, veth1 drops the ARP request (its sender
# address 192.168.1.1 is one of our own), so there is no ARP reply, no echo
# request ever leaves, and ping reports 100% loss after -W 1 second.
ping -c 1 -W 1 -I veth0 192.168.1.2
# The ARP entry is still being resolved (3 probes, 1 s apart); the failed
# ping's packet waits in its queue.  Flush it so that packet is not sent
# later into the capture below.
ip neigh show dev veth0
ip neigh flush dev veth0
# The article's five settings.
echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth0/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth1/rp_filter
echo 1 > /proc/sys/net/ipv4/conf/veth1/accept_local
echo 1 > /proc/sys/net/ipv4/conf/veth0/accept_local
# -n: no DNS lookups; -e: print the Ethernet header (MACs); -l: line
# buffered; --immediate-mode: hand each packet over at once (by default
# libpcap batches them for up to a second, and SIGTERM would lose the
# last ones).  The runner waits for "listening on" before the next line.
tcpdump -i veth0 -n -e -l --immediate-mode &
ping -c 5 -I veth0 192.168.1.2
# Give tcpdump a moment to print the last request before it is stopped.
sleep 1
kill %1
wait
# veth1 learnt veth0's MAC from the ARP request; veth0 resolved veth1.
# (One device per command: a plain "ip neigh show" lists the kernel's hash
# table, whose order changes from run to run.)
ip neigh show dev veth0
ip neigh show dev veth1

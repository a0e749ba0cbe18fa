# Nobody answers ARP: how many requests, how far apart, and what does the
# neighbour entry go through?  (3 probes 1 s apart, then FAILED.)
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.7.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
tcpdump -i veth1 -n -l --immediate-mode arp &
ping -c 1 -W 1 10.7.0.2
ip neigh show dev veth0
sleep 3
ip neigh show dev veth0
kill %1
wait
ip -s link show veth0

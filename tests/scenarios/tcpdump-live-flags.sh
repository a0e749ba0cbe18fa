# The same flags on a live capture: with -v tcpdump drops the "verbose
# output suppressed" line and says "tcpdump: listening on"; -x and -A on
# ARP (fixed MACs, so the bytes are stable), -q, and --number.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns0
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 address 02:00:00:00:07:01 type veth peer name veth1 address 02:00:00:00:07:02 netns ns0
ip addr add 10.7.0.1/24 dev veth0
ip -n ns0 addr add 10.7.0.2/24 dev veth1
ip link set veth0 up
ip -n ns0 link set veth1 up
tcpdump -i veth0 -n -l --immediate-mode -v -c 4 &
ping -c 2 -i 0.2 10.7.0.2
wait
tcpdump -i veth0 -nn -l --immediate-mode -x -t -c 2 arp &
ip neigh flush dev veth0
ping -c 1 10.7.0.2
wait
tcpdump -i veth0 -n -l --immediate-mode -A -t -c 2 arp &
ip neigh flush dev veth0
ping -c 1 10.7.0.2
wait
tcpdump -i veth0 -n -l --immediate-mode -q -c 2 icmp &
ping -c 1 10.7.0.2
wait
tcpdump -i veth0 -n -l --immediate-mode --number -t -c 2 icmp &
ping -c 1 10.7.0.2
wait

# What tcpdump's -v, -x/-xx/-X and -t add to a capture read back from a
# file: the IPv4 header fields, ARP's address sizes, the bytes in hex (the
# frames' MACs are fixed so the ARP bytes do not vary), no time stamps; and
# a bad filter given with -r fails after the "reading from file" line.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns0
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 address 02:00:00:00:07:01 type veth peer name veth1 address 02:00:00:00:07:02 netns ns0
ip addr add 10.7.0.1/24 dev veth0
ip -n ns0 addr add 10.7.0.2/24 dev veth1
ip link set veth0 up
ip -n ns0 link set veth1 up
tcpdump -i veth0 -n -l --immediate-mode -w /tmp/vethlab-scenario-tcpdump-flags.pcap &
ping -c 2 -i 0.2 10.7.0.2
sleep 1
kill %1
wait
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -v
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -vv -e -t icmp
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -t arp
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -t -x arp
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -t -xx arp
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -t -X arp
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n -t -v -x -e -c 1
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap nonsense
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n icmp and nonsense
tcpdump -r /tmp/vethlab-scenario-tcpdump-flags.pcap -n udp
tcpdump -r /tmp/vethlab-scenario-no-such-file.pcap -n

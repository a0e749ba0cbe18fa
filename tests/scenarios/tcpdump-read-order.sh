# tcpdump -w saves frames to a file and -r reads them back: the
# "reading from file" line (stderr) comes before the packets (stdout).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.10.0.1/24 dev veth0
ip addr add 10.10.0.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
sysctl -w net.ipv4.conf.veth1.accept_local=1
tcpdump -i veth0 -n -w /tmp/vethlab-scenario-tcpdump-read-order.pcap --immediate-mode &
ping -c 2 -i 0.2 -I veth0 10.10.0.2
sleep 1
kill %1
wait
tcpdump -n -e -r /tmp/vethlab-scenario-tcpdump-read-order.pcap
tcpdump -n -r /tmp/vethlab-scenario-tcpdump-read-order.pcap icmp

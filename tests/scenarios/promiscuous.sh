# Does tcpdump put the device in promiscuous mode?  It asks for it through
# its packet socket: "promiscuity 1" in ip -d link, but no PROMISC flag
# (that one shows only what "ip link set ... promisc on" asked for).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
tcpdump -i veth0 -n -l --immediate-mode &
ip -d link show veth0
kill %1
wait
ip -d link show veth0
ip link set veth0 promisc on
ip link show veth0
ip -d link show veth0
tcpdump -i veth0 -n -l -p --immediate-mode &
ip -d link show veth0
kill %1
kill %2
wait
ip link set veth0 promisc off
ip -d link show veth0

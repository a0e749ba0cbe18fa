# A packet bigger than the sending device's MTU with "don't fragment"
# (ping -M do): the kernel refuses it before it reaches the device.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 type veth peer name veth1 netns ns1
ip addr add 10.5.0.1/24 dev veth0
ip -n ns1 addr add 10.5.0.2/24 dev veth1
ip link set veth0 up
ip -n ns1 link set veth1 up
ping -c 1 -W 1 10.5.0.2
ping -c 2 -i 0.2 -W 1 -M do -s 1473 10.5.0.2
ip -s link show veth0
# 1472 bytes of data is the largest that fits in 1500.
ping -c 1 -W 1 -M do -s 1472 10.5.0.2
ip -s link show veth0

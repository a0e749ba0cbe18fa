# ping to a subnet's broadcast address, and pings too big for the MTU:
# what ping refuses itself, and what the kernel fragments and reassembles.
ip netns add ns0
ip netns add ns1
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns0 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip netns exec ns1 sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip -n ns0 link add veth0 type veth peer name veth1 netns ns1
ip -n ns0 addr add 10.1.1.1/24 dev veth0
ip -n ns1 addr add 10.1.1.2/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
ip -n ns0 link set lo up
ip -n ns1 link set lo up
sleep 2
# The kernel refuses to connect() to a broadcast address without
# SO_BROADCAST; ping turns that into advice.
ip netns exec ns0 ping -c 1 10.1.1.255
# With -b: by default every host ignores echo requests sent to broadcast.
ip netns exec ns0 ping -c 1 -W 1 -b 10.1.1.255
ip netns exec ns1 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec ns0 ping -c 2 -i 0.2 -b 10.1.1.255
# The sender hears its own broadcast too (looped back, ip_mc_output),
# and answers it once its namespace stops ignoring broadcasts: ping
# counts the extra answers as duplicates, without marking them (DUP!),
# and stops when it has one answer per request.
ip netns exec ns0 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec ns0 ping -c 2 -i 0.2 -b 10.1.1.255
# 65508 bytes of data + 8 + 20 is one more than an IP datagram holds.
ip netns exec ns0 ping -c 1 -s 65508 10.1.1.2
# A reply bigger than the replier's MTU is fragmented, and reassembled.
ip -n ns1 link set veth1 mtu 1000
ip netns exec ns0 ping -c 2 -i 0.2 -s 973 10.1.1.2
ip -n ns1 -s link show veth1

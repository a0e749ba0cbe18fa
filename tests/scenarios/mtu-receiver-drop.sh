# A frame that fits the sender's MTU but not the receiver's: veth_xmit
# hands it to the peer, and dev_forward_skb refuses it (is_skb_forwardable).
# Where is the drop counted?  On both ends: TX dropped on the sender,
# RX dropped on the receiver.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip netns add ns1
ip netns exec ns1 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link add veth0 mtu 2000 type veth peer name veth1 netns ns1
ip addr add 10.4.0.1/24 dev veth0
ip -n ns1 addr add 10.4.0.2/24 dev veth1
ip link set veth0 up
ip -n ns1 link set veth1 up
ip link show veth0
ip -n ns1 link show veth1
# 1600 bytes of data: a 1628-byte IP packet, within veth0's 2000.
ping -c 1 -s 1600 -W 1 10.4.0.2
ip -s link show veth0
ip -n ns1 -s link show veth1
ip netns exec ns1 ethtool -S veth1
# A packet that fits both MTUs goes through.
ping -c 1 -s 1400 -W 1 10.4.0.2
ip -s link show veth0
# Now veth0 knows veth1's MAC, so the echo request goes straight to
# veth_xmit, whose drop (NET_XMIT_DROP) comes back to ping's sendmsg() as
# ENOBUFS: ping reports each one, before its statistics.
ping -c 2 -i 0.2 -s 1600 -W 1 10.4.0.2
ip -s link show veth0
ip -n ns1 -s link show veth1

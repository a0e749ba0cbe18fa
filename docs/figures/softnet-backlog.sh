# Figure: the per-CPU backlog while NET_RX_SOFTIRQ is held (labs 3 and 4):
# what veth_xmit() left in softnet_data.input_pkt_queue.
ip netns add ns0
ip netns add ns1
ip link add veth0 netns ns0 type veth peer name veth1 netns ns1
ip -n ns0 addr add 10.1.1.1/24 dev veth0
ip -n ns1 addr add 10.1.1.2/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
sim softirq hold
ip netns exec ns0 ping -c 1 -W 1 10.1.1.2
sim softnet
sim draw softnet

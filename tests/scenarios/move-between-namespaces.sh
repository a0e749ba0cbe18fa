# Moving an end from namespace to namespace: its ifindex (kept when free),
# its addresses (gone: they belong to the old namespace's IPv4), its
# state (down), and how the other end names it (@ifN, link-netns).
ip netns add ns0
ip netns add ns1
ip link add veth0 type veth peer name veth1
ip addr add 10.12.0.1/24 dev veth1
ip link set veth1 up
ip link set veth1 netns ns0
ip link show veth0
ip -n ns0 addr show veth1
ip -n ns0 link set veth1 netns ns1
ip link show veth0
ip -n ns1 link show veth1
ip netns list
# Into a namespace where its ifindex is taken: it gets a new one.
ip -n ns1 link add vethA type veth peer name vethB
ip -n ns1 link show
ip link set veth0 netns ns1
ip -n ns1 link show

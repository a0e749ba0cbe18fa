# One end in a new namespace, the other in the host's: from inside, the
# peer's namespace has no name, so iproute2 prints its netnsid.
ip netns add ns0
ip link add veth0 type veth peer name veth1 netns ns0
ip link show veth0
ip -n ns0 link show veth1
ip netns list
ip -n ns0 netns list-id
ip netns list-id
# lo of a new namespace is down.
ip -n ns0 link show lo
ip -n ns0 addr show lo

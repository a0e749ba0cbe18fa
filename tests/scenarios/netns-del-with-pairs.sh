# Deleting a namespace deletes every veth in it, and each one's peer too,
# wherever that peer lives.
ip netns add ns0
ip netns add ns1
ip -n ns0 link add veth0 type veth peer name veth1
ip -n ns0 link add veth2 type veth peer name veth3 netns ns1
ip link add veth4 type veth peer name veth5 netns ns0
ip link add veth6 type veth peer name veth7
ip link show
ip -n ns0 link show
ip -n ns1 link show
ip netns del ns0
# The namespace is torn down by a kernel worker (cleanup_net) after the
# last reference goes, not by "ip netns del" itself: give it a moment.
sleep 1
ip netns list
ip link show
ip -n ns1 link show

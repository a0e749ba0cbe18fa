# Figure: a pair's peer pointers across two namespaces (article 000, lab 2).
ip netns add ns0
ip netns add ns1
ip link add veth0 type veth peer name veth1
ip link set veth0 netns ns0
ip link set veth1 netns ns1
ip netns exec ns0 ip addr add 10.1.1.1/24 dev veth0
ip netns exec ns0 ip link set veth0 up
ip netns exec ns1 ip addr add 10.1.1.2/24 dev veth1
ip netns exec ns1 ip link set veth1 up
ip link list
ip netns exec ns0 ip link list
ip netns exec ns1 ip link list
sim draw pair

# Figure: transmit -> backlog -> softirq -> receive, from the function_graph
# record of one ping between two namespaces (article 000, labs 3-5).
ip netns add ns0
ip netns add ns1
ip link add veth0 netns ns0 type veth peer name veth1 netns ns1
ip -n ns0 addr add 10.1.1.1/24 dev veth0
ip -n ns1 addr add 10.1.1.2/24 dev veth1
ip -n ns0 link set veth0 up
ip -n ns1 link set veth1 up
# ARP first, so the traced ping is only the echo request and its reply.
ip netns exec ns0 ping -c 1 10.1.1.2
sim trace function_graph
ip netns exec ns0 ping -c 1 10.1.1.2
sim trace off
sim draw path
sim trace show

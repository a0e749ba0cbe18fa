# Figure: both ends of a pair in one namespace (article 003, lab 9): each
# end's peer pointer crosses no namespace, and the replies come back over lo.
ip link add veth0 type veth peer name veth1
ip addr add 10.1.1.2/24 dev veth0
ip addr add 10.1.1.3/24 dev veth1
ip link set veth0 up
ip link set veth1 up
ip link list
sim draw pair

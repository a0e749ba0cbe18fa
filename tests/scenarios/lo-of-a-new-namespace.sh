# A new namespace's lo is down: it has no 127.0.0.1 and no route to it.
ip netns add ns0
ip -n ns0 addr show
ip -n ns0 route show table local
ip netns exec ns0 ping -c 1 -W 1 127.0.0.1
ip -n ns0 link set lo up
ip -n ns0 addr show
ip -n ns0 route show table local
ip netns exec ns0 ping -c 1 -W 1 127.0.0.1
# The host's own lo was up from the start.
ip link show lo
ping -c 1 -W 1 127.0.0.1
# Down again: the broadcast route goes, the two local ones stay, and the
# table with them.
ip -n ns0 link set lo down
ip -n ns0 route show table local
ip -n ns0 route show table 100

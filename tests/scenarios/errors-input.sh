# More bad input a student types after the articles: a broadcast address
# that is not one, a MAC with a bad part, veth options that are not "peer",
# a namespace given by a pid that does not exist, which namespace am I in,
# and deleting an address without its prefix length.
ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 brd 10.0.0.300 dev veth0
ip addr add 10.0.0.1/24 broadcast 10.0.0.300 dev veth0
ip addr add 10.0.0.1/24 brd 10.0.0.255 brd 10.0.0.254 dev veth0
ip link set veth0 address 02:fd:00:00:00:zz
ip link set dev veth0 address 02:fd:1ff:00:00:01
ip link set dev veth0 address 02:fd:00:00:00:1g
ip link show veth0
ip link add veth2 type veth foo bar
ip link add veth2 type veth peer
ip link set veth0 netns 999999
ip link set veth0 netns 0
ip link set veth0 netns 12abc
ip link add veth2 netns 999999 type veth peer name veth3
ip link show veth2
ip netns identify
ip netns identify 999999
ip netns add ns0
ip netns exec ns0 ip netns identify
ip addr add 10.0.0.1/24 dev veth0
ip addr del 10.0.0.1 dev veth0
ip addr show dev veth0
ip addr del 10.0.0.1 dev veth0
ip addr add 10.0.0.2/24 brd + dev veth0
ip addr add 10.0.0.3/24 brd - dev veth0
ip addr show dev veth0
ip addr del 10.0.0.3 dev veth0
ip addr show dev veth0

# Neighbour entries by hand: permanent, replaced, deleted, flushed; what
# ping does with a permanent entry nobody answers for.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.13.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
ip neigh add 10.13.0.7 lladdr 02:00:00:00:00:07 dev veth0
ip neigh add 10.13.0.7 lladdr 02:00:00:00:00:08 dev veth0
ip neigh show dev veth0
ip neigh replace 10.13.0.7 lladdr 02:00:00:00:00:08 dev veth0
ip neigh show dev veth0
ping -c 1 -W 1 10.13.0.7
ip -s link show veth0
ip neigh del 10.13.0.7 dev veth0
ip neigh del 10.13.0.7 dev veth0
ip neigh show dev veth0
ip neigh add 10.13.0.8 lladdr 02:00:00:00:00:09 dev veth0 nud reachable
ip neigh show dev veth0
ip neigh flush dev veth0
ip neigh show dev veth0

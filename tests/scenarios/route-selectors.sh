# ip route's selectors after the articles: which routes does each one
# pick, and what does iproute2 leave out of a line because the selector
# already fixed it (proto, scope, via, dev)? Then ip route get for a
# broadcast, a loopback and a foreign source address, del and flush.
ip link add a0 type veth peer name a1
ip addr add 10.1.1.1/24 dev a0
ip addr add 10.1.1.254/24 dev a1
ip link set a0 up
ip link set a1 up
ip link set lo up
ip route add 10.2.2.0/24 via 10.1.1.254 dev a0
ip route add 10.3.0.0/16 via 10.9.9.9
ip route replace default via 10.1.1.254
ip route show
ip route show match 10.2.2.1
ip route show root 10.0.0.0/8
ip route show proto kernel
ip route show scope link
ip route show type unicast
ip route show via 10.1.1.254
ip route get 10.1.1.255
ip route get 127.1.2.3
ip route get 10.2.2.1 oif a0
ip route get 10.2.2.1 from 10.9.9.9
ip route del 10.2.2.0/24
ip route del 10.2.2.0/24
ip route show exact 10.2.2.0/24
ip route flush dev a1
ip route show

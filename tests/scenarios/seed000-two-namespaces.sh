# seed000: a veth pair joining two network namespaces (article 000).
# Starts like a booted host: only lo, which its init brought up.
ip link list
ip link add veth0 type veth peer name veth1
ip link list
ip netns list
ip netns add ns0
ip netns add ns1
ip netns list
ip link set veth0 netns ns0
ip link set veth1 netns ns1
ip link list
ip netns exec ns0 ip link list
ip netns exec ns1 ip link list
ip netns exec ns0 ip addr add 10.1.1.1/24 dev veth0
ip netns exec ns0 ip link set veth0 up
ip netns exec ns1 ip addr add 10.1.1.2/24 dev veth1
ip netns exec ns1 ip link set veth1 up
# IPv6 duplicate address detection keeps the fe80:: address "tentative" for
# about a second after the carrier comes up; wait it out so the listing is
# the same on every run.
sleep 2
ip netns exec ns0 ip addr list
ip netns exec ns1 ip addr list
ip netns exec ns1 ping 10.1.1.1 -c 4 -I veth1
ip netns exec ns0 ping 10.1.1.2 -c 4 -I veth0

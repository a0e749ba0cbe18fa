# Does ping wait for ARP?  No: -W counts from the echo request, which sits
# in the neighbour's queue while the kernel asks who-has.  A ping that
# gives up after 0.3 s leaves after the first ARP request; the kernel keeps
# asking (1 s apart; its timer wheel makes it 1.004 to 1.036 s) and gives
# up after the third.  Deadlines stay well away from the probe times: a
# real kernel's result at the same instant would be a race.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip addr add 10.8.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
ping -c 1 -W 0.3 10.8.0.2
ip -s link show veth0
ip neigh show dev veth0
sleep 1.2
ip -s link show veth0
sleep 3
ip -s link show veth0
ip neigh show dev veth0

# A new device copies conf/default when it is made; changing default
# later does not change existing devices.
sysctl net.ipv4.conf.default.rp_filter
sysctl -w net.ipv4.conf.default.accept_local=1
ip link add veth0 type veth peer name veth1
sysctl net.ipv4.conf.veth0.accept_local
sysctl net.ipv4.conf.veth1.accept_local
sysctl -w net.ipv4.conf.default.accept_local=0
sysctl net.ipv4.conf.veth0.accept_local
ip link add veth2 type veth peer name veth3
sysctl net.ipv4.conf.veth2.accept_local
cat /proc/sys/net/ipv4/conf/veth0/accept_local
echo 2 > /proc/sys/net/ipv4/conf/veth0/rp_filter
sysctl net.ipv4.conf.veth0.rp_filter
ip netns add ns0
ip netns exec ns0 sysctl net.ipv4.conf.default.accept_local
ip netns exec ns0 sysctl net.ipv6.conf.default.disable_ipv6

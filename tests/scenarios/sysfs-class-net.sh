# /sys/class/net: how people find a veth's peer (iflink), and what the
# other files say as the pair comes up, carries a ping, and goes down.
# Reads that make no sense for a device that is down fail (EINVAL); files
# of another namespace's devices are not there (ip netns exec mounts the
# namespace's own /sys).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ls /sys/class/net
cat /sys/class/net/veth0/ifindex
cat /sys/class/net/veth0/iflink
cat /sys/class/net/veth1/iflink
cat /sys/class/net/veth0/operstate
cat /sys/class/net/veth0/carrier
cat /sys/class/net/veth0/speed
cat /sys/class/net/veth0/duplex
cat /sys/class/net/veth0/mtu /sys/class/net/veth0/type /sys/class/net/veth0/flags /sys/class/net/veth0/tx_queue_len
cat /sys/class/net/veth0/broadcast /sys/class/net/veth0/addr_len
cat /sys/class/net/veth0/name_assign_type /sys/class/net/veth0/addr_assign_type
ip link set dev veth0 address 02:00:00:00:00:01
cat /sys/class/net/veth0/address /sys/class/net/veth0/addr_assign_type
cat /sys/class/net/lo/iflink /sys/class/net/lo/type /sys/class/net/lo/flags /sys/class/net/lo/address
cat /sys/class/net/lo/operstate /sys/class/net/lo/carrier /sys/class/net/lo/name_assign_type /sys/class/net/lo/addr_assign_type
cat /sys/class/net/lo/speed
cat /sys/class/net/lo/duplex
cat /sys/class/net/veth9/iflink
cat /sys/class/net/veth0
cat /sys/class/net/veth0/ifalias
ip netns add ns0
ip netns exec ns0 sysctl -w net.ipv6.conf.all.disable_ipv6=1
ip link set veth1 netns ns0
ls /sys/class/net
ip netns exec ns0 ls /sys/class/net
ip netns exec ns0 cat /sys/class/net/veth1/ifindex /sys/class/net/veth1/iflink
ip netns exec ns0 cat /sys/class/net/veth0/ifindex
cat /sys/class/net/veth1/ifindex
cat /sys/class/net/veth0/iflink
ip addr add 10.9.0.1/24 dev veth0
ip -n ns0 addr add 10.9.0.2/24 dev veth1
ip link set veth0 up
ip -n ns0 link set veth1 up
cat /sys/class/net/veth0/operstate /sys/class/net/veth0/carrier /sys/class/net/veth0/flags
cat /sys/class/net/veth0/speed /sys/class/net/veth0/duplex
cat /sys/class/net/veth0/dormant /sys/class/net/veth0/testing /sys/class/net/veth0/carrier_changes
ping -c 2 -i 0.2 10.9.0.2
ls /sys/class/net/veth0/statistics
cat /sys/class/net/veth0/statistics/tx_packets /sys/class/net/veth0/statistics/tx_bytes
cat /sys/class/net/veth0/statistics/rx_packets /sys/class/net/veth0/statistics/rx_bytes
cat /sys/class/net/veth0/statistics/rx_dropped /sys/class/net/veth0/statistics/nosuch
ip -n ns0 link set veth1 down
cat /sys/class/net/veth0/operstate /sys/class/net/veth0/carrier /sys/class/net/veth0/speed
cat /sys/class/net/veth0/carrier_changes /sys/class/net/veth0/carrier_up_count /sys/class/net/veth0/carrier_down_count
ip netns exec ns0 cat /sys/class/net/veth1/operstate
ip netns exec ns0 cat /sys/class/net/veth1/carrier
ip -n ns0 link set veth1 name vethB
ip netns exec ns0 cat /sys/class/net/vethB/name_assign_type

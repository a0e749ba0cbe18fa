# What a student looks at next: a device's whole sysfs directory, its
# queues/ (one rx-N and tx-N per queue in use), uevent; a device group set
# with ip link and read back; ip -j for namespaces and their ids.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip -j -p netns
ip -j netns list-id
ip link add veth0 numtxqueues 2 numrxqueues 3 type veth peer name veth1 numtxqueues 1 numrxqueues 1
ls /sys/class/net/veth0
ls /sys/class/net/veth0/queues
ls /sys/class/net/veth1/queues
ls /sys/class/net/lo
cat /sys/class/net/veth0/queues
ls /sys/class/net/veth0/mtu
ls /sys/class/net/veth9
cat /sys/class/net/veth0/uevent
cat /sys/class/net/veth0/dev_id /sys/class/net/veth0/dev_port /sys/class/net/veth0/link_mode /sys/class/net/veth0/gro_flush_timeout /sys/class/net/veth0/napi_defer_hard_irqs /sys/class/net/veth0/netdev_group /sys/class/net/veth0/proto_down /sys/class/net/veth0/threaded
cat /sys/class/net/veth0/phys_port_id
cat /sys/class/net/veth0/dormant
ip link set veth0 group 5
ip link set veth0 group blue
cat /sys/class/net/veth0/netdev_group
ip link show veth0
ip -j link show veth0
ip link set veth0 group default
ip link set veth0 mtu 9000 txqueuelen 77
cat /sys/class/net/veth0/mtu /sys/class/net/veth0/tx_queue_len /sys/class/net/veth0/netdev_group
ip netns add ns1
ip netns add ns2
ip link set veth1 netns ns1
ip -j netns
ip -j -p netns list-id

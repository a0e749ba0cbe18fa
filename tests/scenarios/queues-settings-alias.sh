# A pair with its own queue counts: the limits rtnetlink puts on them, what
# ip -d, ethtool -l and the per-queue ethtool -S lines show; the settings
# page ethtool prints for a veth (and for lo); an alias on one end (shown
# by ip link, not by ip addr or -br).
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth4 type veth peer name veth5 numtxqueues 0
ip link add veth4 numtxqueues 0 type veth
ip link add veth4 numrxqueues 0 type veth
ip link add veth4 numtxqueues 4097 type veth
ip link add veth4 numrxqueues 4097 type veth
ip link add veth4 numtxqueues abc type veth
ip link add veth4 numtxqueues 4096 numrxqueues 1 type veth peer name veth5 numtxqueues 1 numrxqueues 1
ethtool -l veth4
ip link del veth4
ip link add veth4 numtxqueues 4 numrxqueues 2 type veth peer name veth5 numtxqueues 3 numrxqueues 3
ip -d link show veth4
ethtool -l veth4
ethtool -l veth5
ethtool -S veth4
ethtool -S veth5
ethtool -l lo
ethtool -l veth9
ethtool veth4
ethtool lo
ethtool veth9
ip link set veth4 up
ip link set veth5 up
ethtool veth4
ip link set veth4 alias "my end"
ip link show veth4
ip -d link show veth4
ip -br link show veth4
ip addr show veth4
cat /sys/class/net/veth4/ifalias
ip link set veth4 alias ""
ip link show veth4
cat /sys/class/net/veth4/ifalias

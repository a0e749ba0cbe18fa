# Up and down, end by end: flags, qdisc, operational state of both ends.
ip link add veth0 type veth peer name veth1
ip link show
ip link set veth1 up
ip link show
ip link set veth0 up
ip link show
ip link set veth1 down
ip link show
ip link set veth0 down
ip link show
ip link set veth0 up
ip link set veth1 up
ip link del veth1
ip link show

# More bad input on links: renaming onto a taken name, lo operations the
# kernel refuses, addresses on the wrong device.
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth2
ip link set veth0 name veth1
ip link del lo
ip link set lo mtu 100
ip link set dev veth0 mtu 70000
ip link add veth3 type veth peer name lo
ip link add lo type veth peer name veth4
ip netns add ns0
ip link set lo netns ns0
ip addr del 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/24 dev veth1
ip addr show dev veth1
ip link set veth0 nosuchflag
ip link show nosuchdev
ip netns exec ns0 ip link show veth0
ip link show

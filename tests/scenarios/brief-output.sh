# ip -br: one line per device, fixed columns, for a quick look.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip -br link
ip -br addr
ip addr add 10.2.0.1/24 dev veth0
ip addr add 10.2.0.9/24 dev veth0
ip addr add 10.2.0.2/24 dev veth1
# veth0 up, its peer still down: LOWERLAYERDOWN, and M-DOWN in the flags.
ip link set veth0 up
ip -br link
ip -br addr
ip link set veth1 up
ip -br addr
ip -br addr show dev veth0
ip -br -4 addr show dev lo

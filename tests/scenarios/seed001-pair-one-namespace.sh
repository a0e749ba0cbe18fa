# seed001: a veth pair with both ends in one namespace (article 001).
# Starts like a booted host: only lo, which its init brought up.
ip link add veth0 type veth peer name veth1
ip addr add dev veth0 10.0.4.100/24
ip addr add dev veth1 10.0.4.101/24
ip link set veth0 up
ip link set veth1 up
# Let IPv6 duplicate address detection finish so the fe80:: addresses are
# no longer "tentative" (see seed000).
sleep 2
ip addr show
ip link show

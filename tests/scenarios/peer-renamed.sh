# Renaming one end: the other end's "@peer" follows, since iproute2 looks
# the peer up by its ifindex each time.
ip link add veth0 type veth peer name veth1
ip link set veth1 name vethX
ip link show
ip link set vethX name veth0
ip link set vethX name eth0
ip link show
# Renaming is allowed only while the device is down in 6.1 (EBUSY); the
# test box's newer kernel allows it (docs/differences.md).
ip link set veth0 up
ip link set eth0 up
ip link set veth0 name vethY

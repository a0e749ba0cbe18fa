# Attributes of one end that the other does not share: MAC address,
# txqueuelen, MTU; and what a device shows after its address changes.
ip link add veth0 type veth peer name veth1
ip link set dev veth0 address 02:00:00:00:aa:01
ip link set dev veth1 address 02:00:00:00:aa:02
ip link set dev veth0 txqueuelen 500
ip link set dev veth1 mtu 1400
ip link show
ip link add veth2 address 02:00:00:00:aa:03 mtu 2000 type veth peer name veth3 address 02:00:00:00:aa:04 mtu 3000
ip link show veth2
ip link show veth3
ip link set dev veth0 address ff:ff:ff:ff:ff:ff
ip link set dev veth0 address 02:00:00

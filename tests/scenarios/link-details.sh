# What "ip -d link" adds: the link kind (veth), the MTU limits, the queue
# counts, GSO/GRO limits.  numtxqueues/numrxqueues: a veth gets one queue
# per possible CPU.
ip link add veth0 type veth peer name veth1
ip -d link show veth0
ip -d link show lo
# -d with -br changes nothing.
ip -d -br link show veth1
# The MTU is per end: changing veth0's leaves veth1's alone.
ip link set veth0 mtu 9000
ip -d link show veth0
ip link show veth1

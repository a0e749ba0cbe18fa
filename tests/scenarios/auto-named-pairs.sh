# "ip link add type veth" with no names: what does the kernel call them?
# Both ends get the first free veth%d name; the peer is registered first.
ip link add type veth
ip link show
# Only one name given: the peer still gets veth%d, the first free number.
ip link add vethA type veth
ip link show
# Only the peer named.
ip link add type veth peer name vethB
ip -br link
# Deleting either end deletes the pair; the names come free again.
ip link del veth0
ip link add type veth
ip -br link

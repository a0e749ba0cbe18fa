# Interface indexes count up; a deleted pair's numbers are not reused
# at once.
ip link add veth0 type veth peer name veth1
ip link del veth0
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip -br link
ip link del veth3
ip link add veth4 type veth peer name veth5
ip link show

# Lab 7: build YOUR topology (make lab-spec LAB=7 prints it).
# One command per line, as typed at a root shell in a fresh network namespace:
# ip, sysctl, `echo V > /proc/sys/net/...` and `sleep S` only; no variables.
# The grader runs this file, then looks at the state with its own commands.
# TODO 7.1: two namespaces, a veth pair between them with your names, MACs and
# MTU, your addresses and prefix, both ends up.
# >>> SOLUTION lab7
ip netns add {ns_a}
ip netns add {ns_b}
ip link add {dev_a} address {mac_a} mtu {mtu} type veth peer name {dev_b} address {mac_b} mtu {mtu}
ip link set {dev_a} netns {ns_a}
ip link set {dev_b} netns {ns_b}
ip netns exec {ns_a} ip addr add {addr_a}/{prefix} dev {dev_a}
ip netns exec {ns_b} ip addr add {addr_b}/{prefix} dev {dev_b}
ip netns exec {ns_a} ip link set {dev_a} up
ip netns exec {ns_b} ip link set {dev_b} up
# <<< SOLUTION, STUB:
# ip link add veth0 type veth peer name veth1
# */

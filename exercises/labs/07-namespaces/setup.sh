# Lab 7: build YOUR topology (make lab-spec LAB=7 prints it).
# One command per line, as typed at a root shell in a fresh network namespace:
# ip, sysctl, `echo V > /proc/sys/net/...` and `sleep S` only; no variables.
# The grader runs this file, then looks at the state with its own commands.
# TODO 7.1: two namespaces, a veth pair between them with your names, MACs and
# MTU, your addresses and prefix, both ends up.
ip link add veth0 type veth peer name veth1

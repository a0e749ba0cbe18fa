# Figure: struct net_device and its private area (article 001, lab 1).
# One pair in one namespace, as in article 001; the numbers in the figure
# are the ones `sim netdev` prints (mk/figures.py --check compares them).
ip link add veth0 type veth peer name veth1
sim netdev veth0
sim draw netdev veth0

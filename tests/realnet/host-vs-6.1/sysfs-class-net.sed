# docs/differences.md, "operstate of a veth whose peer elsewhere is down":
# 6.1's default_operstate() says LOWERLAYERDOWN because veth0's iflink (2)
# is not its ifindex (3); the test box's kernel says DOWN.
/^\$ cat \/sys\/class\/net\/veth0\/operstate \/sys\/class\/net\/veth0\/carrier \/sys\/class\/net\/veth0\/speed$/{n;s/^down$/lowerlayerdown/;}

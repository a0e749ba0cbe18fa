# The shell expands globs under /sys/class/net: "cat /sys/class/net/*/iflink"
# is how people list every peer at once (expanded in the shell's namespace,
# even under ip netns exec); a glob that matches nothing stays as typed (and
# cat quotes it); ls of several directories, ls -d.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
cat /sys/class/net/*/iflink
cat /sys/class/net/veth*/ifindex
cat /sys/class/net/veth[02]/iflink
cat /sys/class/net/veth0/statistics/rx_*
cat /sys/class/net/*/nosuch
cat '/sys/class/net/*/iflink'
cat /sys/class/net/veth0/*
ls /sys/class/net/*/queues
ls -d /sys/class/net/*/
ip netns add ns0
ip link set veth1 netns ns0
ip netns exec ns0 cat /sys/class/net/*/iflink

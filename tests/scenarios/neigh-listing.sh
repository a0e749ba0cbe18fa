# The ARP table through every window a student opens on it: ip neigh
# with its filters, ip neigh get, /proc/net/arp and net-tools' arp.
# (Listings hold one entry at a time: the kernel dumps its hash table,
# whose order changes with every boot.)
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02
ip addr add 10.14.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
arp -n
cat /proc/net/arp
ip neigh add 10.14.0.7 lladdr 02:00:00:00:00:07 dev veth0
ip neigh add 10.14.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud stale
ip neigh show nud permanent
ip neigh show nud stale
ip neigh show 10.14.0.8
ip neigh show to 10.14.0.7/32 dev veth0
ip neigh show 10.14.0.0/24 nud permanent
ip neigh get 10.14.0.7 dev veth0
ip neigh get 10.14.0.6 dev veth0
ip neigh get 10.14.0.7
ip neigh del 10.14.0.8 dev veth0
cat /proc/net/arp
arp -n
arp -an
arp -n 10.14.0.7
arp -n 10.14.0.99
arp -n -i veth0
arp -n -i veth1
# A neighbour without a link-layer address, a bad state, no device.
ip neigh add 10.14.0.10 dev veth0
ip neigh add 10.14.0.10 lladdr 02:00:00:00:00:10 dev veth0 nud bogus
ip neigh add 10.14.0.11 lladdr 02:00:00:00:00:11
ip neigh show dev nosuch
ip neigh flush
# flush all leaves PERMANENT entries; nud all takes them too.
ip neigh add 10.14.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud reachable
ip neigh flush all
ip neigh show
ip neigh flush nud all
ip neigh show
# Nobody has 10.14.0.5: INCOMPLETE while ARP asks (3 probes, 1 s apart).
ping -c 1 -W 1.5 10.14.0.5
ip neigh show
cat /proc/net/arp
arp -n
arp -an

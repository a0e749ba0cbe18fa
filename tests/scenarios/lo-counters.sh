# Pinging yourself goes over lo: each echo request and reply is counted
# once on lo, at the IP packet's size (84 bytes, no Ethernet header).
ip -s link show lo
ping -c 2 -i 0.2 127.0.0.1
ip -s link show lo
ip link add veth0 type veth peer name veth1
ip addr add 10.16.0.1/24 dev veth0
ping -c 1 -W 1 10.16.0.1
ip link set veth0 up
ping -c 1 -W 1 10.16.0.1
ip -s link show lo
ip -s link show veth0

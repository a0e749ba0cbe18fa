# Figure: lo beside veth (article 003). Both ends in one namespace, the
# article's sysctls; the echo request crosses the pair (veth_xmit), the
# reply to a local address goes over lo (loopback_xmit). Both drivers end
# in __netif_rx() and the same backlog.
sysctl -w net.ipv6.conf.all.disable_ipv6=1
sysctl -w net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add veth0 type veth peer name veth1
ip addr add 192.168.1.1/24 dev veth0
ip addr add 192.168.1.2/24 dev veth1
ip link set veth0 up
ip link set veth1 up
echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth0/rp_filter
echo 0 > /proc/sys/net/ipv4/conf/veth1/rp_filter
echo 1 > /proc/sys/net/ipv4/conf/veth1/accept_local
echo 1 > /proc/sys/net/ipv4/conf/veth0/accept_local
ping -c 1 -I veth0 192.168.1.2
sim trace function_graph
ping -c 1 -I veth0 192.168.1.2
sim trace off
sim draw path __dev_queue_xmit,dev_hard_start_xmit,netdev_start_xmit,veth_xmit,loopback_xmit,__dev_forward_skb,eth_type_trans,__netif_rx,netif_rx_internal,enqueue_to_backlog,do_softirq,net_rx_action,process_backlog,__netif_receive_skb_core
sim trace show

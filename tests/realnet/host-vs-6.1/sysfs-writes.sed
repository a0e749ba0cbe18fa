# docs/differences.md, "tx_queue_len above 32767": 6.1's
# dev_change_tx_queue_len() refuses it with ERANGE (sysfs and netlink
# alike); the test box's kernel takes it, so the last read differs too.
/^\$ echo 99999 > \/sys\/class\/net\/veth0\/tx_queue_len$/{n;s/^\[rc=0\]$/bash: line 1: echo: write error: Numerical result out of range\n[rc=1]/;}
/^\$ ip link set veth0 txqueuelen 40000$/{n;s/^\[rc=0\]$/RTNETLINK answers: Numerical result out of range\n[rc=2]/;}
/^\$ cat \/sys\/class\/net\/veth0\/tx_queue_len$/{n;s/^40000$/500/;}

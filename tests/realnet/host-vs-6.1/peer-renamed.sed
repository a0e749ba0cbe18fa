# docs/differences.md, "renaming an up device": 6.1's dev_change_name()
# refuses with EBUSY; the test box's kernel renames it.
/^\$ ip link set veth0 name vethY$/{n;s/^\[rc=0\]$/RTNETLINK answers: Device or resource busy\n[rc=2]/;}

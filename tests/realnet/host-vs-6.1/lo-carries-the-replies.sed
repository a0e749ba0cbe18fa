# docs/differences.md, "noop_qdisc drops": lo is down, so the replies go
# into its noop_qdisc; 6.1's noop_enqueue() counts nothing, the test box's
# kernel counts TX dropped.  In 6.1 lo's TX dropped stays 0.
/^\$ ip -n ns0 -s link show lo$/,/^\[rc=/{
/^    TX:/{n;s/^\( *[0-9]* *[0-9]* *[0-9]* *\)[0-9] /\10 /;}
}

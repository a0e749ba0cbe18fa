# docs/differences.md, "deleting a missing address": 6.1's
# inet_rtm_deladdr() returns -EADDRNOTAVAIL with no message.
s/^Error: ipv4: Address not found\.$/RTNETLINK answers: Cannot assign requested address/

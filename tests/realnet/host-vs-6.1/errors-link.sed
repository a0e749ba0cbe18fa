# docs/differences.md, "moving lo": 6.1's __dev_change_net_namespace()
# returns -EINVAL with no message; the test box's kernel explains it.
s/^Error: The interface netns is immutable\.$/RTNETLINK answers: Invalid argument/
# docs/differences.md, "deleting a missing address": 6.1's
# inet_rtm_deladdr() returns -EADDRNOTAVAIL with no message.
s/^Error: ipv4: Address not found\.$/RTNETLINK answers: Cannot assign requested address/

# Figure: the same allocation for lo, whose priv_size is 0 (lab 1): no
# ALIGN of the struct, no private area; only the 31 bytes of slack that
# let alloc_netdev_mqs() align dev itself.
sim netdev lo
sim draw netdev lo

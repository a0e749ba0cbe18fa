# Lab 9: the sysctl settings your ping needs (make lab-spec LAB=9).
# The grader makes the pair in one namespace, with the host's starting
# rp_filter from your spec, then applies these lines and pings as your spec
# says. Only `sysctl -w KEY=VALUE` and `echo V > /proc/sys/net/...` lines.
# Every line must be needed: the grader removes each in turn, and the ping
# must then fail.
# TODO 9.1: the settings, one per line.
# >>> SOLUTION lab9
{rp_filter_lines}
sysctl -w net.ipv4.conf.{dev_rcv}.accept_local=1
# <<< SOLUTION

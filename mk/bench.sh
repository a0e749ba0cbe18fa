#!/bin/sh
# make bench: every rate measured side by side in one run, then the ratios.
#   1. vethsim: veth_xmit -> backlog -> softirq -> delivery, one core
#   2. the real kernel's veth pair, AF_PACKET sender and receiver in namespaces
#      this run makes (skipped where it may not make them)
#   3. in the Debian 6.1 VM: boot-to-shell cold vs restored, vethlab.ko against
#      the stock veth.ko
#   4. the grader: submissions per minute on vethsim, lab 6 and the [vm] rows
set -u
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p $out

echo "== vethsim =="
make -s build/solutions/bench/sim_pps TREE=solutions || { echo "bench: cannot build bench/sim_pps.c; try 'make build'"; exit 1; }
build/solutions/bench/sim_pps | tee $out/sim.txt

echo "== the kernel's veth pair =="
sh bench/kernel_veth.sh | tee $out/kernel.txt

echo "== vethlab.ko vs veth.ko in the VM =="
make -s -C module vm-bench | tee $out/vm.txt

echo "== grading throughput =="
python3 bench/grading.py | tee $out/grading.txt

# "sim_pps: N packets in T s: X Mpps, ..." and "bench: kernel_veth ... pps=P ..."
sim=$(sed -n 's/^sim_pps: .*: \([0-9.]*\) Mpps.*/\1/p' $out/sim.txt | tail -n 1)
ker=$(sed -n 's/^bench: kernel_veth .* pps=\([0-9.]*\) .*/\1/p' $out/kernel.txt | tail -n 1)
[ -n "$ker" ] && ker=$(awk -v p="$ker" 'BEGIN { printf "%.3f", p / 1e6 }')
echo "== ratios =="
if [ -n "$sim" ] && [ -n "$ker" ]; then
	awk -v s="$sim" -v k="$ker" 'BEGIN {
		printf "vethsim %.2f Mpps / kernel veth %.2f Mpps = %.1fx (target 5x; vethsim target 5 Mpps)\n", s, k, s / k }'
else
	echo "vethsim vs kernel: not both measured (see above)"
fi
grep -h -e '^ratio' -e '^boot-to-shell' $out/vm.txt || true
grep -h '^grading:' $out/grading.txt || true

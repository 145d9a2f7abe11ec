#!/usr/bin/env bash
# bench/boot.sh: process start to guest exit: jiffy's demo, and the PVH test
# guest with a 64 MiB initrd under jiffy and under QEMU microvm (KVM).
#
# Targets (issue "jiffy core"): demo <= 5 ms; 64 MiB initrd <= 10 ms; jiffy
# at least 20x faster than QEMU microvm on the same guest and initrd.
# The three are timed in interleaved rounds (bench_rounds): jiffy's runs
# last milliseconds, so a slow spell of the shared machine would otherwise
# land on one contender only and decide the ratio.
# Then the demo again with --trace: which part of a run its spread is in.
# Usage: bench/boot.sh   (RUNS=N ROUNDS=N WARMUP=N change the repetitions)
RUNS=${RUNS:-100}
ROUNDS=${ROUNDS:-10}
source "$(dirname "$0")/lib.sh"

bench_need hyperfine jq qemu-system-x86 qemu-system-data
make -s all "$BUILD/guests/pvh-guest.elf" || exit 1
GUEST=$TOP/$BUILD/guests/pvh-guest.elf

bench_start boot "$(bench_rounds_method "$ROUNDS")"
INITRD=$BENCH_DIR/initrd-64M
head -c $((64 << 20)) /dev/urandom >"$INITRD"
word() { od -An -tx4 -j "$1" -N4 "$INITRD" | tr -d ' '; }
# The guest checks the initrd's size and its first and last words (one
# read in its first and last pages), then leaves: ~1,100 instructions.
QUICK="jt.quick=4000000,$(word 0),$(word $(((64 << 20) - 4)))"

demo=("$JIFFY")
jiffy_pvh=("$JIFFY" --kernel "$GUEST" --initrd "$INITRD" --append "$QUICK")
qemu_pvh=(qemu-system-x86_64 -M microvm -accel kvm -m 256M -nodefaults
	-no-user-config -display none -serial stdio -kernel "$GUEST"
	-initrd "$INITRD" -append "$QUICK"
	-device isa-debug-exit,iobase=0xf4,iosize=4)

bench_verify demo 0 "Hello from the jiffy demo guest" "${demo[@]}" || exit 1
bench_verify jiffy-pvh-64M 33 "PASS pvh-guest quick" "${jiffy_pvh[@]}" || exit 1
bench_verify qemu-microvm-pvh-64M 33 "PASS pvh-guest quick" "${qemu_pvh[@]}" || exit 1

echo "Timing (each: $WARMUP warm-up, $RUNS runs in $ROUNDS interleaved rounds)..."
bench_add jiffy-demo "${demo[@]}"
bench_add jiffy-pvh-64M "${jiffy_pvh[@]}"
bench_add qemu-microvm-pvh-64M "${qemu_pvh[@]}"
bench_rounds "$ROUNDS" || exit 1

echo
bench_table jiffy-pvh-64M jiffy-demo jiffy-pvh-64M qemu-microvm-pvh-64M
demo_ms=$(bench_stat jiffy-demo median)
pvh_ms=$(bench_stat jiffy-pvh-64M median)
qemu_ms=$(bench_stat qemu-microvm-pvh-64M median)
ratio=$(awk -v q="$qemu_ms" -v j="$pvh_ms" 'BEGIN { printf "%.1f", q / j }')
bench_target "demo median $(printf %.2f "$demo_ms") ms <= 5 ms" le "$demo_ms" 5
bench_target "PVH + 64 MiB initrd median $(printf %.2f "$pvh_ms") ms <= 10 ms" le "$pvh_ms" 10
bench_target "QEMU microvm / jiffy = ${ratio}x >= 20x" le 20 "$ratio"
bench_steal

# Where a demo run's time goes, and which part varies: each run's wall
# time (from this shell: fork, exec, exit) split by jiffy's own timeline
# (--trace) into its set-up (memory ready to first guest entry), the
# guest's run (first guest entry to guest exit), and the rest (exec and
# libraries before "memory ready", process exit after "guest exit").
phase() { sed -n "s/^ *\([0-9.]*\)  $1.*/\1/p" "$BENCH_DIR/trace"; }
for ((i = -WARMUP; i < RUNS; i++)); do
	t0=$EPOCHREALTIME
	"${demo[@]}" --trace >/dev/null 2>"$BENCH_DIR/trace"
	t1=$EPOCHREALTIME
	((i < 0)) && continue
	echo "$t0 $t1 $(phase 'memory ready') $(phase 'first guest entry') $(phase 'guest exit')"
done >"$BENCH_DIR/phases"
# spread COLUMN: "| min | median | max |" of an awk expression over the runs.
spread() {
	awk "{ print $1 }" "$BENCH_DIR/phases" | sort -n |
		awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "| %.2f | %.2f | %.2f |\n", v[1], m, v[NR] }'
}
{
	echo
	echo "jiffy --trace, demo, $RUNS runs after $WARMUP warm-up (ms):"
	echo
	echo "| part of the run | min | median | max |"
	echo "|---|---:|---:|---:|"
	echo "| wall time, from this shell $(spread '($2 - $1) * 1000')"
	echo "| jiffy's set-up: memory ready to first guest entry $(spread '$4 - $3')"
	echo "| the guest's run: first guest entry to guest exit $(spread '$5 - $4')"
	echo "| the rest: exec to memory ready, guest exit to process exit $(spread '($2 - $1) * 1000 - ($5 - $3)')"
	echo "| of which process start to memory ready, as jiffy estimates its start $(spread '$3')"
	echo
} | tee -a "$BENCH_OUT"
echo "results: ${BENCH_OUT#"$TOP/"}"
rm -rf "$BENCH_DIR"

#!/usr/bin/env bash
# bench/boot.sh: process start to guest exit: jiffy's demo, and the PVH test
# guest with a 64 MiB initrd under jiffy and under QEMU microvm (KVM).
#
# Targets (issue "jiffy core"): demo <= 5 ms; 64 MiB initrd <= 10 ms; jiffy
# at least 20x faster than QEMU microvm on the same guest and initrd.
# Usage: bench/boot.sh   (RUNS=N WARMUP=N to change the repetitions)
source "$(dirname "$0")/lib.sh"

bench_need hyperfine jq qemu-system-x86 qemu-system-data
make -s all "$BUILD/guests/pvh-guest.elf" || exit 1
GUEST=$TOP/$BUILD/guests/pvh-guest.elf

bench_start boot
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

echo "Timing (each: $WARMUP warm-up, $RUNS runs)..."
bench_cmd jiffy-demo "${demo[@]}"
bench_cmd jiffy-pvh-64M "${jiffy_pvh[@]}"
bench_cmd qemu-microvm-pvh-64M "${qemu_pvh[@]}"

echo
bench_table jiffy-pvh-64M jiffy-demo jiffy-pvh-64M qemu-microvm-pvh-64M
demo_ms=$(bench_stat jiffy-demo median)
pvh_ms=$(bench_stat jiffy-pvh-64M median)
qemu_ms=$(bench_stat qemu-microvm-pvh-64M median)
ratio=$(awk -v q="$qemu_ms" -v j="$pvh_ms" 'BEGIN { printf "%.1f", q / j }')
bench_target "demo median $(printf %.2f "$demo_ms") ms <= 5 ms" le "$demo_ms" 5
bench_target "PVH + 64 MiB initrd median $(printf %.2f "$pvh_ms") ms <= 10 ms" le "$pvh_ms" 10
bench_target "QEMU microvm / jiffy = ${ratio}x >= 20x" le 20 "$ratio"
echo "results: ${BENCH_OUT#"$TOP/"}"
rm -rf "$BENCH_DIR"

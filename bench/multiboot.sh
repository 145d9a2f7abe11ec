#!/usr/bin/env bash
# bench/multiboot.sh: a multiboot kernel with 120 MB of modules, process start
# to guest exit: jiffy beside QEMU -kernel with qboot and with SeaBIOS.
#
# The seed measurement (QEMU's byte-I/O multiboot loader: 30 s for 120 MB of
# modules; its DMA version: 0.8 s) is what "module size irrelevant" is
# measured against. The guest (tests/guests/multiboot) checks each module's
# size and its first and last 32-bit words (one read in its first page, one
# in its last) and leaves: the work it does is the same for every contender,
# and small, because this machine's KVM emulates guest instructions.
#
# Targets (issue "multiboot kernels with modules"): jiffy direct <= 20 ms;
# jiffy at least 5x faster than the best QEMU variant.
# Usage: bench/multiboot.sh   (RUNS=N WARMUP=N; SLOW_RUNS=N for SeaBIOS
# under KVM, which takes seconds per run here)
source "$(dirname "$0")/lib.sh"

SLOW_RUNS=${SLOW_RUNS:-5}

bench_need hyperfine jq qemu-system-x86 qemu-system-data seabios
make -s all "$BUILD/guests/multiboot-guest.elf" || exit 1
GUEST=$TOP/$BUILD/guests/multiboot-guest.elf
QBOOT=/usr/share/qemu/qboot.rom

bench_start multiboot
MODS=()
for i in 0 1 2; do
	MODS+=("$BENCH_DIR/module$i")
	head -c 40000000 /dev/urandom >"${MODS[i]}"
done
word() { od -An -tx4 -j "$2" -N4 "$1" | tr -d ' '; }
QUICK=jt.quick-mods=
for m in "${MODS[@]}"; do
	size=$(stat -c %s "$m")
	QUICK+="$(printf %x "$size"),$(word "$m" 0),$(word "$m" $((size - 4))),"
done
QUICK=${QUICK%,}
LIST=$(IFS=,; echo "${MODS[*]}")

jiffy_direct=("$JIFFY" --memory 256M --kernel "$GUEST" --initrd "$LIST"
	--append "$QUICK")
qemu_cmd() { # VAR ACCEL [QEMU OPTION...]: the QEMU command line into VAR
	local -n _cmd=$1
	local accel=$2
	shift 2
	_cmd=(qemu-system-x86_64 -M pc -accel "$accel" -m 256M -nodefaults
		-no-user-config -display none -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4 "$@"
		-kernel "$GUEST" -initrd "$LIST" -append "$QUICK")
}
qemu_cmd qemu_qboot_kvm kvm -bios "$QBOOT"
qemu_cmd qemu_qboot_tcg tcg -bios "$QBOOT"
qemu_cmd qemu_seabios_kvm kvm
qemu_cmd qemu_seabios_tcg tcg

{
	echo "- guest: tests/guests/multiboot (ELF32, 64-bit code), 3 modules of 40,000,000 bytes given as QEMU's -initrd list (jiffy takes the same spelling), jt.quick-mods: sizes and first/last words"
	echo "- QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}'), -M pc, 256 MiB; SeaBIOS (default firmware) loads through its multiboot DMA option ROM; qboot reads the same fw_cfg items by DMA itself; KVM and TCG both shown: this machine's KVM emulates guest instructions, which slows firmware down"
	echo "- SeaBIOS under KVM: $SLOW_RUNS runs, 1 warm-up (seconds per run here)"
	echo
} >>"$BENCH_OUT"

PASS="PASS multiboot-guest quick"
bench_verify jiffy-direct 33 "$PASS" "${jiffy_direct[@]}" || exit 1
bench_verify qemu-qboot-kvm 33 "$PASS" "${qemu_qboot_kvm[@]}" || exit 1
bench_verify qemu-qboot-tcg 33 "$PASS" "${qemu_qboot_tcg[@]}" || exit 1
bench_verify qemu-seabios-tcg 33 "$PASS" "${qemu_seabios_tcg[@]}" || exit 1
bench_verify qemu-seabios-kvm 33 "$PASS" "${qemu_seabios_kvm[@]}" || exit 1

echo "Timing (each: $WARMUP warm-up, $RUNS runs)..."
bench_cmd jiffy-direct "${jiffy_direct[@]}"
# jiffy --firmware: the same kernel and modules through jiffy's firmware,
# handed over QEMU's way (one packed image, copied twice on the host).
jiffy_fw=("$JIFFY" --firmware --memory 256M --kernel "$GUEST" \
	--initrd "$LIST" --append "$QUICK")
bench_verify jiffy-firmware 33 "$PASS" "${jiffy_fw[@]}" || exit 1
bench_cmd jiffy-firmware "${jiffy_fw[@]}"
LABELS=(jiffy-direct jiffy-firmware)
bench_cmd qemu-qboot-kvm "${qemu_qboot_kvm[@]}"
bench_cmd qemu-qboot-tcg "${qemu_qboot_tcg[@]}"
bench_cmd qemu-seabios-tcg "${qemu_seabios_tcg[@]}"
RUNS=$SLOW_RUNS WARMUP=1 bench_cmd qemu-seabios-kvm "${qemu_seabios_kvm[@]}"

QEMUS=(qemu-qboot-kvm qemu-qboot-tcg qemu-seabios-tcg qemu-seabios-kvm)
echo
bench_table jiffy-direct "${LABELS[@]}" "${QEMUS[@]}"
best=${QEMUS[0]}
for l in "${QEMUS[@]}"; do
	le "$(bench_stat "$l" median)" "$(bench_stat "$best" median)" && best=$l
done
j_ms=$(bench_stat jiffy-direct median)
q_ms=$(bench_stat "$best" median)
ratio=$(awk -v q="$q_ms" -v j="$j_ms" 'BEGIN { printf "%.1f", q / j }')
bench_target "jiffy direct median $(printf %.2f "$j_ms") ms <= 20 ms" le "$j_ms" 20
bench_target "best QEMU ($best) / jiffy direct = ${ratio}x >= 5x" le 5 "$ratio"
echo "results: ${BENCH_OUT#"$TOP/"}"
rm -rf "$BENCH_DIR"

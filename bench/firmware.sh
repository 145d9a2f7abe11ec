#!/usr/bin/env bash
# bench/firmware.sh: jiffy's firmware beside qboot and SeaBIOS under QEMU, and jiffy --firmware beside jiffy's direct boot.
#
# Same QEMU binary, same guest, same 128 MiB initrd for every contender:
# the PVH test guest in its quick mode (it checks the initrd's size and
# first and last words, ~1,100 instructions, and leaves through port
# 0xf4), -M pc with 512 MiB. Wall time is process start to exit
# (hyperfine). Under QEMU the firmware differs and nothing else: QEMU
# puts the kernel, initrd and command line in fw_cfg the same way for
# all three; SeaBIOS boots through QEMU's pvh.bin option ROM. KVM and TCG
# are both shown: this machine's KVM emulates every guest instruction
# (~1 M/s), which is what a firmware's instruction count costs.
#
# QEMU's own share is the same for all three and dwarfs a firmware's:
# starting and exiting, measured by the same command line with a BIOS whose
# first instruction leaves through port 0xf4 (build/nested/guests/exit.rom),
# and the DMA copy of the 128 MiB initrd into fresh guest RAM, which every
# firmware asks for and QEMU performs (tens of milliseconds here): measured
# by a BIOS that does only that DMA and leaves (initrd-exit.rom). Each
# firmware's own share is its median minus the latter's; minus QEMU alone
# is shown too. All QEMU and jiffy commands but SeaBIOS under KVM take
# turns in ROUNDS interleaved rounds (bench_rounds), so a slow spell of
# the shared machine falls on all of them.
#
# The firmware's own work under jiffy is read from --trace: from its
# first progress code (0x01, firmware start) to its last (0x04, jump),
# minus the fw_cfg DMA copies jiffy times (the initrd's 128 MiB).
#
# Targets (issue "jiffy firmware"): jiffy's firmware >= 2x faster than
# qboot under QEMU (its share of the wall time); its own work under jiffy
# < 1 ms.
# Usage: bench/firmware.sh   (RUNS=N ROUNDS=N WARMUP=N; SLOW_RUNS=N for
# SeaBIOS under KVM, seconds per run here; TRACE_RUNS=N traced jiffy runs)
# A firmware's share under TCG is a few milliseconds against a spread of
# tens between runs: 100 runs each resolve it, 30 did not.
RUNS=${RUNS:-100}
ROUNDS=${ROUNDS:-10}
source "$(dirname "$0")/lib.sh"

SLOW_RUNS=${SLOW_RUNS:-5}
TRACE_RUNS=${TRACE_RUNS:-30}

bench_need hyperfine jq qemu-system-x86 qemu-system-data seabios
make -s all firmware "$BUILD/guests/pvh-guest.elf" \
	"$BUILD/nested/guests/exit.rom" "$BUILD/nested/guests/initrd-exit.rom" ||
	exit 1
GUEST=$TOP/$BUILD/guests/pvh-guest.elf
FW=$TOP/$BUILD/firmware/jiffy-firmware.bin
QBOOT=/usr/share/qemu/qboot.rom
SEABIOS=/usr/share/seabios/bios.bin
EXIT_ROM=$TOP/$BUILD/nested/guests/exit.rom
INITRD_EXIT_ROM=$TOP/$BUILD/nested/guests/initrd-exit.rom

bench_start firmware "$(bench_rounds_method "$ROUNDS" "SeaBIOS under KVM apart")"
INITRD=$BENCH_DIR/initrd-128M
head -c $((128 << 20)) /dev/urandom >"$INITRD"
word() { od -An -tx4 -j "$1" -N4 "$INITRD" | tr -d ' '; }
QUICK="jt.quick=8000000,$(word 0),$(word $(((128 << 20) - 4)))"

qemu_cmd() { # VAR ACCEL BIOS: the QEMU command line into VAR
	local -n _cmd=$1
	_cmd=(qemu-system-x86_64 -M pc -accel "$2" -m 512M -nodefaults
		-no-user-config -display none -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4 -bios "$3"
		-kernel "$GUEST" -initrd "$INITRD" -append "$QUICK")
}
qemu_cmd qemu_jiffy_fw_kvm kvm "$FW"
qemu_cmd qemu_qboot_kvm kvm "$QBOOT"
qemu_cmd qemu_seabios_kvm kvm "$SEABIOS"
qemu_cmd qemu_exit_kvm kvm "$EXIT_ROM"
qemu_cmd qemu_exit_tcg tcg "$EXIT_ROM"
qemu_cmd qemu_initrd_exit_kvm kvm "$INITRD_EXIT_ROM"
qemu_cmd qemu_initrd_exit_tcg tcg "$INITRD_EXIT_ROM"
qemu_cmd qemu_jiffy_fw_tcg tcg "$FW"
qemu_cmd qemu_qboot_tcg tcg "$QBOOT"
qemu_cmd qemu_seabios_tcg tcg "$SEABIOS"
jiffy_direct=("$JIFFY" --memory 512M --kernel "$GUEST" --initrd "$INITRD"
	--append "$QUICK")
jiffy_fw=("$JIFFY" --firmware --memory 512M --kernel "$GUEST"
	--initrd "$INITRD" --append "$QUICK")

{
	echo "- guest: tests/guests/pvh (PVH ELF), jt.quick: the 128 MiB initrd's size and first and last words, then the exit port"
	echo "- QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}'), -M pc, 512 MiB, -bios: jiffy's firmware (build/firmware/jiffy-firmware.bin), qboot.rom (qemu-system-data), SeaBIOS bios.bin (seabios; boots the kernel through QEMU's pvh.bin)"
	echo "- jiffy: --memory 512M, direct boot and --firmware"
	echo "- SeaBIOS under KVM: $SLOW_RUNS runs, 1 warm-up (seconds per run here)"
	echo
} >>"$BENCH_OUT"

bench_verify qemu-exit-kvm 33 "" "${qemu_exit_kvm[@]}" || exit 1
bench_verify qemu-exit-tcg 33 "" "${qemu_exit_tcg[@]}" || exit 1
bench_verify qemu-initrd-exit-kvm 33 "" "${qemu_initrd_exit_kvm[@]}" || exit 1
bench_verify qemu-initrd-exit-tcg 33 "" "${qemu_initrd_exit_tcg[@]}" || exit 1
PASS="PASS pvh-guest quick"
bench_verify jiffy-direct 33 "$PASS" "${jiffy_direct[@]}" || exit 1
bench_verify jiffy-firmware 33 "$PASS" "${jiffy_fw[@]}" || exit 1
for c in jiffy_fw qboot seabios; do
	for a in kvm tcg; do
		v=qemu_${c}_$a
		declare -n cmd=$v
		bench_verify "$v" 33 "$PASS" "${cmd[@]}" || exit 1
	done
done

echo "Timing (each: $WARMUP warm-up, $RUNS runs in $ROUNDS interleaved rounds)..."
bench_add jiffy-direct "${jiffy_direct[@]}"
bench_add jiffy-firmware "${jiffy_fw[@]}"
for a in kvm tcg; do
	for c in exit initrd_exit jiffy_fw qboot; do
		declare -n cmd=qemu_${c}_$a
		bench_add "qemu-${c//_/-}-$a" "${cmd[@]}"
	done
done
bench_add qemu-seabios-tcg "${qemu_seabios_tcg[@]}"
bench_rounds "$ROUNDS" || exit 1
RUNS=$SLOW_RUNS WARMUP=1 bench_cmd qemu-seabios-kvm "${qemu_seabios_kvm[@]}"

echo
echo "### Under QEMU (-bios), KVM" | tee -a "$BENCH_OUT"
bench_table qemu-jiffy-fw-kvm qemu-exit-kvm qemu-initrd-exit-kvm qemu-jiffy-fw-kvm qemu-qboot-kvm qemu-seabios-kvm
echo "### Under QEMU (-bios), TCG" | tee -a "$BENCH_OUT"
bench_table qemu-jiffy-fw-tcg qemu-exit-tcg qemu-initrd-exit-tcg qemu-jiffy-fw-tcg qemu-qboot-tcg qemu-seabios-tcg

# Each firmware's share: its median minus a baseline's, QEMU with
# initrd-exit.rom (QEMU and the initrd's DMA: the firmware's own share) or
# with exit.rom (QEMU alone: the firmware and the DMA it asks for).
share() { # ACCEL FIRMWARE [BASELINE]: milliseconds
	awk -v t="$(bench_stat "qemu-$2-$1" median)" \
		-v b="$(bench_stat "qemu-${3:-initrd-exit}-$1" median)" \
		'BEGIN { printf "%.2f", t - b }'
}
over() { awk -v q="$1" -v f="$2" 'BEGIN { if (f > 0) printf "%.1f", q / f; else print "-" }'; }
{
	echo "### The firmware's share (median minus QEMU's with initrd-exit.rom: QEMU and the initrd's DMA; in brackets minus QEMU alone, exit.rom)"
	echo
	echo "| accel | jiffy's firmware ms | qboot ms | SeaBIOS ms | qboot / jiffy's |"
	echo "|---|---:|---:|---:|---:|"
	for a in kvm tcg; do
		printf '| %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) |\n' "$a" \
			"$(share $a jiffy-fw)" "$(share $a jiffy-fw exit)" \
			"$(share $a qboot)" "$(share $a qboot exit)" \
			"$(share $a seabios)" "$(share $a seabios exit)" \
			"$(over "$(share $a qboot)" "$(share $a jiffy-fw)")" \
			"$(over "$(share $a qboot exit)" "$(share $a jiffy-fw exit)")"
	done
	echo
} | tee -a "$BENCH_OUT"
echo "### jiffy" | tee -a "$BENCH_OUT"
bench_table jiffy-direct jiffy-direct jiffy-firmware

# The firmware's own work, from jiffy's trace: first to last progress
# code, minus the DMA copies timed inside that window.
for ((i = 0; i < TRACE_RUNS; i++)); do
	"${jiffy_fw[@]}" --trace 2>&1 >/dev/null | awk '
		/post 0x01$/ { a = $1 }
		/fw_cfg DMA copy/ && a && !e { d += $(NF - 1) }
		/post 0x04$/ { e = $1 }
		END { if (a && e) printf "%.3f %.3f\n", e - a - d, d }'
done | sort -n >"$BENCH_DIR/own"
own_med=$(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$BENCH_DIR/own")
own_min=$(head -1 "$BENCH_DIR/own" | cut -d' ' -f1)
own_max=$(tail -1 "$BENCH_DIR/own" | cut -d' ' -f1)
dma_med=$(sort -n -k2 "$BENCH_DIR/own" | awk '{ v[NR] = $2 } END { print v[int((NR + 1) / 2)] }')
{
	echo "### The firmware's own work under jiffy (--trace, $TRACE_RUNS runs)"
	echo
	echo "post 0x01 (firmware start) to post 0x04 (jump), minus the fw_cfg DMA copies (median $dma_med ms, the 128 MiB initrd): median $own_med ms, min $own_min ms, max $own_max ms"
	echo
} | tee -a "$BENCH_OUT"

ratio() { # ACCEL: qboot's share over jiffy's firmware's ("-" if jiffy's
	# is not above this run's noise: no ratio to claim, the target fails)
	over "$(share "$1" qboot)" "$(share "$1" jiffy-fw)"
}
total() { # ACCEL: the same over the whole wall time
	awk -v q="$(bench_stat "qemu-qboot-$1" median)" \
		-v f="$(bench_stat "qemu-jiffy-fw-$1" median)" 'BEGIN { printf "%.2f", q / f }'
}
bench_target "QEMU KVM: qboot / jiffy's firmware = $(ratio kvm)x >= 2x (wall time $(total kvm)x)" le 2 "$(ratio kvm)"
bench_target "QEMU TCG: qboot / jiffy's firmware = $(ratio tcg)x >= 2x (wall time $(total tcg)x)" le 2 "$(ratio tcg)"
bench_target "firmware's own work under jiffy, median $own_med ms < 1 ms" le "$own_med" 1
bench_steal
echo "results: ${BENCH_OUT#"$TOP/"}"
rm -rf "$BENCH_DIR"

#!/usr/bin/env bash
# bench/fw-insns.sh: instructions jiffy's firmware executes from reset to the kernel, per boot format, per function.
#
# Where guest instructions are emulated (about 1 M/s on the development
# machines' KVM), the firmware's instruction count is its cost. QEMU TCG
# single-steps it (-singlestep -d exec,nochain logs one line per executed
# instruction, and per iteration of a rep-prefixed one, which costs the
# same there); everything from the reset vector up to the first
# instruction outside the ROM is the firmware's. Functions are named with
# addr2line, inlined ones as themselves.
#
# jiffy --firmware's own shape is QEMU pc without its ACPI but with
# jiffy's tables for 1 vCPU at 0xe0000, where jiffy writes them and the
# firmware's RSDP scan finds them (tests/tools/acpi-dump; QEMU's generic
# loader device puts them there). jiffy --bios with this firmware is QEMU
# pc without its ACPI but with the three fw_cfg files jiffy adds then
# (acpi-dump --loader: the same tables and their table-loader script).
# Without ACPI at all the scan finds nothing: it runs over 64 KiB, one
# repne scasl whose 16K iterations -d exec counts one by one (under this
# machine's KVM they cost about 5.5 ms, each about what an instruction
# costs).
# The table is recorded in bench/results/fw-insns-*.md.
#
# Usage: bench/fw-insns.sh [-v]    (-v: the per-function breakdown too)
source "$(dirname "$0")/lib.sh"

bench_need qemu-system-x86 jq
make -s firmware "$BUILD/guests/pvh-guest.elf" "$BUILD/guests/bzimage-guest.bin" \
	"$BUILD/guests/multiboot-guest.elf" "$BUILD/host/tests/tools/acpi-dump" || exit 1
FW_ELF=$BUILD/firmware/jiffy-firmware.elf
FW_BIN=$BUILD/firmware/jiffy-firmware.bin
VERBOSE=${1:-}
bench_start fw-insns "QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}') TCG, -singlestep -d exec,nochain: instructions from the reset vector to the first outside the ROM, one boot per row"
TMP=$BENCH_DIR
trap 'rm -rf "$TMP"' EXIT
head -c 1048699 /dev/urandom >"$TMP/initrd"
"$BUILD/host/tests/tools/acpi-dump" --loader "$TMP" 1 || exit 1
"$BUILD/host/tests/tools/acpi-dump" "$TMP" 1 >/dev/null || exit 1
JIFFY_TABLES=(-device "loader,file=$TMP/all.dat,addr=0xe0000,force-raw=on")
JIFFY_ACPI=(-fw_cfg "name=etc/acpi/tables,file=$TMP/tables"
	-fw_cfg "name=etc/acpi/rsdp,file=$TMP/rsdp"
	-fw_cfg "name=etc/table-loader,file=$TMP/table-loader")

# count LABEL MACHINE KERNEL APPEND [QEMU ARGS]: one single-stepped boot.
count() {
	local label=$1 machine=$2 kernel=$3 append=$4 log=$TMP/log
	shift 4
	timeout 120 qemu-system-x86_64 -accel tcg -singlestep -d exec,nochain \
		-D "$log" -M "$machine" -m 128M -display none -nodefaults \
		-no-reboot -serial null -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-bios "$FW_BIN" -kernel "$kernel" -initrd "$TMP/initrd" \
		-append "$append" "$@" >/dev/null 2>&1
	# Program counters from reset to the first one outside the ROM.
	awk '
	function hex(s, i, v) { v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v }
	BEGIN { rom = hex("ffff0000") }
	/^Trace/ { split($0, f, "/"); if (hex(f[2]) < rom) { if (n) exit; next }
		n++; c[f[2]]++ }
	END { for (k in c) print k, c[k] }' "$log" >"$TMP/pcs"
	sed 's/^0*//; s/ .*//' "$TMP/pcs" | addr2line -e "$FW_ELF" -f -a |
		awk 'NR % 3 == 1 { a = $0; sub(/^0x0*/, "", a) } NR % 3 == 2 { print a, $0 }' >"$TMP/fn"
	awk -v label="$label" -v verbose="$VERBOSE" '
	NR == FNR { fn[$1] = $2; next }
	{ k = $1; sub(/^0*/, "", k); c[fn[k]] += $2; t += $2 }
	END { printf "| %s | %d |\n", label, t
		if (verbose != "-v") exit
		for (f in c) printf "|   %s | %d |\n", f, c[f] | "sort -t\"|\" -k3 -rn"
	}' "$TMP/fn" "$TMP/pcs"
}

{
	echo "| boot (QEMU TCG, 128 MiB, 1 MiB initrd) | instructions |"
	echo "|---|---:|"
	count "PVH, microvm without ACPI" microvm,acpi=off \
		"$BUILD/guests/pvh-guest.elf" "jt.quick=0,0,0"
	count "PVH, pc without ACPI + jiffy's tables at 0xe0000, 1 vCPU (jiffy --firmware's shape)" \
		pc,acpi=off "$BUILD/guests/pvh-guest.elf" "jt.quick=0,0,0" \
		"${JIFFY_TABLES[@]}"
	count "PVH, pc without ACPI + jiffy's ACPI files, 1 vCPU (jiffy --bios with this firmware)" \
		pc,acpi=off "$BUILD/guests/pvh-guest.elf" "jt.quick=0,0,0" \
		"${JIFFY_ACPI[@]}"
	count "PVH, pc (QEMU's ACPI tables and table loader)" pc \
		"$BUILD/guests/pvh-guest.elf" "jt.quick=0,0,0"
	count "bzImage, pc without ACPI + jiffy's tables at 0xe0000 (jiffy --firmware's shape)" \
		pc,acpi=off "$BUILD/guests/bzimage-guest.bin" "jt.entry=32" \
		"${JIFFY_TABLES[@]}"
	count "multiboot, pc without ACPI + jiffy's tables at 0xe0000 (jiffy --firmware's shape)" \
		pc,acpi=off "$BUILD/guests/multiboot-guest.elf" "" \
		"${JIFFY_TABLES[@]}"
	count "bzImage, microvm without ACPI" microvm,acpi=off \
		"$BUILD/guests/bzimage-guest.bin" "jt.entry=32"
	count "multiboot, microvm without ACPI" microvm,acpi=off \
		"$BUILD/guests/multiboot-guest.elf" ""
} | tee -a "$BENCH_OUT"
echo "results: ${BENCH_OUT#"$TOP/"}"

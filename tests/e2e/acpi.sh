#!/usr/bin/env bash
# acpi.sh: jiffy's ACPI tables as a guest finds them, and the sleep and reset registers they name.
#
# The ACPI guest (tests/guests/acpi) finds the RSDP through the PVH start
# info and by scanning the BIOS area, checks every table's checksum, counts
# the MADT's CPUs, then uses the FADT's registers: power-off (S5), reset,
# the reset vector a "BIOS reboot" jumps to, and an S1 request that jiffy
# does not offer. jiffy's --trace names why the VM stopped.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

CASES=(
	"1 vCPU: the RSDP is handed over and found by a scan; the MADT lists 1 CPU"
	"64 vCPUs: the MADT lists 64 CPUs"
	"a wrong CPU count is caught by the guest (the check can fail)"
	"S5 in the sleep control register powers off: status 0"
	"the reset register resets: status 0"
	"a jump to the reset vector (BIOS reboot) resets: status 0"
	"S1, not offered, wakes the guest at once (WAK_STS set, then cleared)"
	"--trace reports the ACPI tables' place, size and build time"
	"--firmware: jiffy's firmware finds the tables jiffy put at 0xe0000 and hands their RSDP over, 4 CPUs"
	"--firmware: S5 through those tables powers off: status 0"
	"--bios with jiffy's firmware: it places the tables by QEMU's table-loader script; the scan finds the RSDP it hands over, 4 CPUs"
	"--bios with jiffy's firmware: S5 through the placed tables powers off: status 0"
)
plan ${#CASES[@]}

if ! kvm_usable; then
	for c in "${CASES[@]}"; do
		skip "$c" "$KVM_WHY"
	done
	echo "# SKIPPED every case: $KVM_WHY" >&2
	exit 0
fi

GUEST=$GUESTS/acpi-guest.elf
acpi() {
	local cpus=$1
	shift
	run "$JIFFY" --trace --memory 64M --cpus "$cpus" --kernel "$GUEST" \
		--append "$*"
}
acpi_fw() { # --firmware or --bios FILE, then CPUS ARGS...
	local fw=("$1")
	[[ $1 == --bios ]] && { fw+=("$2"); shift; }
	local cpus=$2
	shift 2
	run "$JIFFY" "${fw[@]}" --trace --memory 64M --cpus "$cpus" \
		--kernel "$GUEST" --append "$*"
}
exit_line() {
	echo "~ *[0-9.]+  guest exit: $1, status 0"
}

acpi 1 jt.acpi=check jt.cpus=1
expect "${CASES[0]}" 33 "PASS acpi-guest RSDP at 0xe0000, 1 LAPICs, DSDT 258 bytes"

acpi 64 jt.acpi=check jt.cpus=64
expect "${CASES[1]}" 33 "~PASS acpi-guest RSDP at 0xe0000, 64 LAPICs, .*"

acpi 2 jt.acpi=check jt.cpus=3
expect "${CASES[2]}" 35 \
	"FAIL acpi-guest: the MADT lists 2 enabled LAPICs, expected 3"

acpi 8 jt.acpi=poweroff jt.cpus=8
expect "${CASES[3]}" 0 "$(exit_line 'power off \(ACPI S5\)')"

acpi 2 jt.acpi=reset
expect "${CASES[4]}" 0 "$(exit_line 'reset \(ACPI reset register\)')"

acpi 1 jt.acpi=vector
expect "${CASES[5]}" 0 "$(exit_line 'reset \(ACPI reset register\)')"

acpi 1 jt.acpi=sleep
expect "${CASES[6]}" 33 "~PASS acpi-guest .*"

acpi 4 jt.acpi=check
expect "${CASES[7]}" 33 \
	"~ *[0-9.]+  ACPI tables at 0xe0000 \([0-9]+ bytes, built in [0-9.]+ us\)"

acpi_fw --firmware 4 jt.acpi=check jt.cpus=4
expect "${CASES[8]}" 33 "PASS acpi-guest RSDP at 0xe0000, 4 LAPICs, DSDT 258 bytes"

acpi_fw --firmware 2 jt.acpi=poweroff jt.cpus=2
expect "${CASES[9]}" 0 "$(exit_line 'power off \(ACPI S5\)')"

# Someone else's firmware gets QEMU's way; jiffy's own runs the loader.
FW=$BUILD/firmware/jiffy-firmware.bin
acpi_fw --bios "$FW" 4 jt.acpi=check jt.cpus=4
expect "${CASES[10]}" 33 "~PASS acpi-guest RSDP at 0x9f[0-9a-f]{3}, 4 LAPICs, DSDT 258 bytes"

acpi_fw --bios "$FW" 2 jt.acpi=poweroff jt.cpus=2
expect "${CASES[11]}" 0 "$(exit_line 'power off \(ACPI S5\)')"

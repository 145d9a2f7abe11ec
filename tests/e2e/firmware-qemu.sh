#!/usr/bin/env bash
# firmware-qemu.sh: jiffy's firmware as QEMU's -bios: the PVH, bzImage and multiboot test guests, and its refusals.
#
# QEMU hands -kernel/-initrd/-append to the firmware through fw_cfg, each
# format its own way (fw_cfg.md §6); the same guests pass under QEMU's own
# firmware (guests-qemu.sh, multiboot-qemu.sh). pc and q35 (the latter
# with its PCIe and SMI files in fw_cfg), with and without DMA, under TCG
# and, where this KVM runs them (it emulates every instruction), under
# KVM. Refusals: status 37 and the reason on COM1.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

QEMU=${QEMU:-qemu-system-x86_64}
FW=$BUILD/firmware/jiffy-firmware.bin

plan 15
guests_setup

# qemu ACCEL MACHINE KERNEL INITRD APPEND [QEMU OPTION...]
qemu() {
	local accel=$1 machine=$2 kernel=$3 initrd=$4 append=$5 args
	shift 5
	args=(-accel "$accel" -M "$machine" -m "${MEM_MIB}M" -display none
		-nodefaults -no-reboot -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4 -bios "$FW" "$@")
	[[ -n $kernel ]] && args+=(-kernel "$kernel" -append "$append")
	[[ -n $initrd ]] && args+=(-initrd "$initrd")
	run "$QEMU" "${args[@]}"
}

PVH_PASS="~PASS pvh-guest start_info v1, initrd $INITRD_SIZE bytes at 0x[0-9a-f]+, .*"
BZ=$GUESTS/bzimage-guest.bin
BZ_PASS="~PASS bzimage-guest 32-bit entry at 0x1000000, initrd $INITRD_SIZE bytes at .*"

# --- PVH: QEMU loads the ELF, the firmware adds start_info ---------------
for m in pc q35; do
	append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES a=\"b c\" x.y=1"
	qemu tcg $m "$GUESTS/pvh-guest.elf" "$INITRD" "$append"
	expect "PVH guest, $m, TCG: start_info, odd-sized initrd, strict memory map" 33 \
		"cmdline: $append" "$PVH_PASS"
done

append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
qemu tcg pc "$GUESTS/pvh-guest.elf" "$INITRD" "$append" \
	-global fw_cfg_io.dma_enabled=off
expect "PVH guest, pc without fw_cfg DMA (byte I/O)" 33 "$PVH_PASS"

qemu tcg pc "$GUESTS/pvh-guest.elf" "" "jt.mem=$MEM_BYTES"
expect "PVH guest without an initrd or a command line" 33 \
	"~PASS pvh-guest start_info v1, initrd 0 bytes at 0x0, .*"

# --- bzImage: QEMU's split, entered at its 32-bit entry -----------------
for m in pc q35; do
	append="jt.entry=32 jt.load=0x1000000 jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
	qemu tcg $m "$BZ" "$INITRD" "$append"
	expect "bzImage guest, $m, TCG: 32-bit entry at its preferred address" \
		33 "cmdline: $append" "$BZ_PASS"
done

# --- multiboot: QEMU's packed image, the firmware's memory map ----------
M1=$TMPD/mod1
head -c 5000 /dev/urandom >"$M1"
MODS="jt.mods=2 jt.mod0=$INITRD_KEY jt.mod1=$(jsum_key "$M1")"
append="$MODS jt.loader=qemu jt.mem=$MEM_BYTES"
qemu tcg pc "$GUESTS/multiboot-guest.elf" "$INITRD a b,$M1" "$append"
expect "multiboot ELF guest, pc, two modules" 33 \
	"cmdline: $GUESTS/multiboot-guest.elf $append" \
	"module 0: $INITRD_SIZE bytes: $INITRD a b" \
	"~PASS multiboot-guest flags 0x24f, 2 modules, mem_lower 636 KiB, .*"
qemu tcg q35 "$GUESTS/multiboot-aout-guest.bin" "$INITRD a b,$M1" "$append"
expect "multiboot a.out guest, q35, two modules" 33 \
	"~PASS multiboot-aout-guest flags 0x24f, 2 modules, .*"

# --- KVM: where this machine's KVM runs it ------------------------------
KVM_CASES=("PVH guest, pc, KVM" "bzImage guest, q35, KVM"
	"multiboot guest, pc, KVM")
if kvm_usable; then
	# QEMU with KVM lists KVM's pages first in etc/e820; we sort.
	qemu kvm pc "$GUESTS/pvh-guest.elf" "$INITRD" \
		"jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
	expect "${KVM_CASES[0]}" 33 "$PVH_PASS"
	qemu kvm q35 "$BZ" "$INITRD" \
		"jt.entry=32 jt.load=0x1000000 jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
	expect "${KVM_CASES[1]}" 33 "$BZ_PASS"
	qemu kvm pc "$GUESTS/multiboot-guest.elf" "$M1" \
		"jt.mods=1 jt.mod0=$(jsum_key "$M1") jt.mem=$MEM_BYTES"
	expect "${KVM_CASES[2]}" 33 "~PASS multiboot-guest flags 0x24f, 1 modules, .*"
else
	for c in "${KVM_CASES[@]}"; do skip "$c" "$KVM_WHY"; done
fi

# --- refusals ------------------------------------------------------------
qemu tcg pc "" "" ""
expect "no -kernel: panic, status 37" 37 \
	"jiffy firmware: panic: no kernel: fw_cfg has no KERNEL_* or SETUP_* items (start QEMU with -kernel, jiffy with --kernel)"

# QEMU hands over any other file as an ancient zImage.
head -c 65536 /dev/zero >"$TMPD/zeros"
qemu tcg pc "$TMPD/zeros" "" ""
expect "a kernel of no known format: panic" 37 \
	"~jiffy firmware: panic: unknown kernel format: no Linux setup header .*first bytes 00 00 00 00\)"

# init_size (0x260) of 256 MiB: no room to decompress into.
cp "$BZ" "$TMPD/huge-bz"
printf '\x00\x00\x00\x10' | dd of="$TMPD/huge-bz" bs=1 seek=$((0x260)) conv=notrunc status=none
qemu tcg pc "$TMPD/huge-bz" "$INITRD" ""
expect "a bzImage that needs more RAM than there is: panic" 37 \
	"~jiffy firmware: panic: kernel does not fit in RAM below the initrd: kernel needs 0x10000000 bytes .*"

head -c $((MEM_BYTES + 1)) /dev/zero >"$TMPD/big-module"
qemu tcg pc "$GUESTS/multiboot-guest.elf" "$TMPD/big-module" ""
expect "multiboot modules larger than RAM: panic" 37 \
	"~jiffy firmware: panic: the multiboot image \(kernel and modules\) \([0-9]+ bytes at 0x100000\) does not fit in RAM: .*"

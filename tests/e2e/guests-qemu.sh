#!/usr/bin/env bash
# guests-qemu.sh: the test guests under QEMU (TCG): they pass, and fail, where a reference VMM boots them.
#
# QEMU is the baseline for the guests themselves: what passes here and
# fails under jiffy is jiffy's bug. TCG, not KVM: on these machines KVM
# emulates every instruction and SeaBIOS takes seconds under it.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

QEMU=${QEMU:-qemu-system-x86_64}

plan 13
guests_setup

# qemu MACHINE KERNEL INITRD APPEND [MEMORY]
qemu() {
	local args=(-accel tcg -M "$1" -m "${5:-${MEM_MIB}M}" -display none
		-nodefaults -no-reboot -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4
		-kernel "$2" -append "$4")
	[[ -n $3 ]] && args+=(-initrd "$3")
	run "$QEMU" "${args[@]}"
}

# qboot, microvm's firmware, declares one E820 entry more than it fills.
QBOOT=jt.memmap-trailing-empty=1

# --- PVH guest --------------------------------------------------------
append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES $QBOOT hello=world"
qemu microvm "$GUESTS/pvh-guest.elf" "$INITRD" "$append"
expect "pvh-guest, microvm (qboot), odd-sized initrd" 33 \
	"cmdline: $append" "~PASS pvh-guest .*initrd $INITRD_SIZE bytes at .*"

append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES a=\"b c\" x.y=1"
qemu pc "$GUESTS/pvh-guest.elf" "$INITRD" "$append"
expect "pvh-guest, pc (SeaBIOS), odd-sized initrd, strict memory map" 33 \
	"cmdline: $append" "~PASS pvh-guest .*initrd $INITRD_SIZE bytes at .*"

append="jt.mem=$MEM_BYTES $QBOOT"
qemu microvm "$GUESTS/pvh-guest.elf" "" "$append"
expect "pvh-guest without an initrd" 33 \
	"cmdline: $append" "~PASS pvh-guest .*initrd 0 bytes at .*"

bad=${INITRD_KEY%,*},$INITRD_BAD_LAST
qemu microvm "$GUESTS/pvh-guest.elf" "$INITRD" "jt.initrd=$bad $QBOOT"
expect "pvh-guest fails on a wrong initrd checksum" 35 \
	"FAIL pvh-guest: initrd last 4 KiB sum $INITRD_LAST expected $INITRD_BAD_LAST"

qemu microvm "$GUESTS/pvh-guest.elf" "$INITRD" "$QBOOT"
expect "pvh-guest fails on an initrd nobody announced" 35 \
	"~FAIL pvh-guest: an initrd was handed over \(0x[0-9a-f]+, $INITRD_SIZE bytes\) but jt.initrd= expects none"

qemu microvm "$GUESTS/pvh-guest.elf" "" "jt.mem=$((MEM_BYTES * 2)) $QBOOT"
expect "pvh-guest fails on the wrong amount of RAM" 35 \
	"~FAIL pvh-guest: the memory map has [0-9]+ KiB of RAM; jt.mem=$((MEM_BYTES * 2)) allows .*"

# --- bzImage guest ----------------------------------------------------
qemu pc "$GUESTS/bzimage-guest.bin" "" "jt.mem=$MEM_BYTES"
expect "bzimage-guest under QEMU -kernel (SeaBIOS, 16-bit entry) fails clearly" 35 \
	"FAIL bzimage-guest: entered through the 16-bit real-mode entry, which this guest does not support"

# Its 32- and 64-bit entries, through bzimage-loader.elf (a PVH guest that
# loads module 0 at jt.via-load, default 32 MiB, and hands itself over as
# the initrd too).
bz=$(jsum_key "$GUESTS/bzimage-guest.bin")
for via in 32 64; do
	append="jt.via=$via jt.via-initrd=1 jt.entry=$via jt.load=0x2000000 jt.initrd=$bz jt.mem=$MEM_BYTES $QBOOT"
	qemu microvm "$GUESTS/bzimage-loader.elf" "$GUESTS/bzimage-guest.bin" "$append"
	expect "bzimage-guest through its $via-bit entry, relocated to 32 MiB" 33 \
		"cmdline: $append" \
		"~PASS bzimage-guest $via-bit entry at 0x2000000, initrd ${bz%%,*} bytes at .*"
done

# 3 GiB: QEMU puts the initrd near 3 GiB, beyond the loader's 1 GiB map.
append="jt.via=64 jt.via-initrd=1 jt.initrd=$bz $QBOOT"
qemu microvm "$GUESTS/bzimage-loader.elf" "$GUESTS/bzimage-guest.bin" "$append" 3G
expect "bzimage-guest maps an initrd its loader left unmapped" 33 \
	"~PASS bzimage-guest 64-bit entry at 0x2000000, initrd ${bz%%,*} bytes at 0x(b|c)[0-9a-f]{7}, .*"

qemu microvm "$GUESTS/bzimage-loader.elf" "$GUESTS/bzimage-guest.bin" \
	"jt.via=32 jt.entry=64 $QBOOT"
expect "bzimage-guest fails when entered through the wrong entry" 35 \
	"FAIL bzimage-guest: entered through the 32-bit entry but jt.entry=64"

qemu microvm "$GUESTS/bzimage-loader.elf" "$GUESTS/bzimage-guest.bin" \
	"jt.via=64 jt.via-load=0x2100000 $QBOOT"
expect "bzimage-guest fails when loaded off its alignment" 35 \
	"FAIL bzimage-guest: loaded at 0x2100000, not a multiple of kernel_alignment 0x200000"

# --- demo -------------------------------------------------------------
qemu pc "$BUILD/demo/demo.elf" "" "hello from the test"
expect "demo guest greets and resets the machine" 0 \
	"~Hello from the jiffy demo guest: 12[0-9] MiB of RAM, command line \"hello from the test\"\."

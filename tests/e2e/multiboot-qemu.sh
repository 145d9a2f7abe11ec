#!/usr/bin/env bash
# multiboot-qemu.sh: the multiboot test guests under QEMU -kernel (TCG): the reference loader passes them too.
#
# What passes here and fails under jiffy is jiffy's bug. QEMU boots only
# 32-bit multiboot images (it refuses ELF64), hence a guest that is an
# ELF32 and enters long mode itself. TCG, not KVM: SeaBIOS takes seconds
# under this machine's KVM. SeaBIOS (-M pc) runs QEMU's multiboot option
# ROM; qboot reads the same fw_cfg items itself.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

QEMU=${QEMU:-qemu-system-x86_64}
QBOOT=/usr/share/qemu/qboot.rom
ELF=$GUESTS/multiboot-guest.elf
AOUT=$GUESTS/multiboot-aout-guest.bin

plan 8
guests_setup

# qemu KERNEL MODULES APPEND [QEMU OPTION...]
qemu() {
	local kernel=$1 mods=$2 append=$3 args
	shift 3
	args=(-accel tcg -M pc -m "${MEM_MIB}M" -display none -nodefaults
		-no-reboot -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4
		-kernel "$kernel" -append "$append" "$@")
	[[ -n $mods ]] && args+=(-initrd "$mods")
	run "$QEMU" "${args[@]}"
}

multiboot_modules
LIST="$INITRD a b,$M1,${M2/,/,,} x,,y"
# qboot declares one E820 entry more than it fills and, on -M pc, keeps
# etc/e820's order, which is not sorted; multiboot promises no order.
QB="jt.memmap-sort=1 jt.memmap-trailing-empty=1"

append="$MODS jt.loader=qemu jt.mem=$MEM_BYTES hello=world"
qemu "$ELF" "$LIST" "$append"
expect "ELF guest, SeaBIOS, three modules, a comma in a name" 33 \
	"cmdline: $ELF $append" "boot loader: qemu" \
	"module 0: $INITRD_SIZE bytes: $INITRD a b" \
	"module 1: 5000 bytes: $M1" "module 2: 12289 bytes: $M2 x,y" \
	"~PASS multiboot-guest flags 0x24f, 3 modules, mem_lower 639 KiB, .*"

append="$MODS jt.loader=qemu jt.mem=$MEM_BYTES"
qemu "$AOUT" "$LIST" "$append"
expect "a.out kludge guest, SeaBIOS, three modules" 33 \
	"cmdline: $AOUT $append" "module 2: 12289 bytes: $M2 x,y" \
	"~PASS multiboot-aout-guest flags 0x24f, 3 modules, .*"

append="$MODS jt.loader=qemu jt.mem=$MEM_BYTES $QB"
qemu "$ELF" "$LIST" "$append" -bios "$QBOOT"
expect "ELF guest, qboot, three modules" 33 "cmdline: $ELF $append" \
	"~PASS multiboot-guest flags 0x24f, 3 modules, .*"

qemu "$ELF" "" "jt.fw-cfg=1 jt.cpus=3 jt.mem=$MEM_BYTES" -smp 3
expect "ELF guest starts 2 APs, counted against fw_cfg (SeaBIOS)" 33 \
	"fw_cfg: 3 CPUs, $MEM_BYTES bytes of RAM" \
	"~PASS multiboot-guest .*, 3 CPUs"

qemu "$AOUT" "" "jt.fw-cfg=1 $QB" -smp 2 -bios "$QBOOT"
expect "a.out guest starts its AP, counted against fw_cfg (qboot)" 33 \
	"fw_cfg: 2 CPUs, $MEM_BYTES bytes of RAM" \
	"~PASS multiboot-aout-guest .*, 2 CPUs"

qemu "$ELF" "$INITRD" "jt.mods=1 jt.mod0=${INITRD_KEY%,*},$INITRD_BAD_LAST"
expect "fails on a wrong module checksum" 35 \
	"FAIL multiboot-guest: module 0 last 4 KiB sum $INITRD_LAST expected $INITRD_BAD_LAST"

qemu "$ELF" "" "jt.fw-cfg=1 jt.cpus=3" -smp 2
expect "fails when fw_cfg and jt.cpus disagree" 35 \
	"FAIL multiboot-guest: fw_cfg says 2 CPUs but jt.cpus=3"

qemu "$ELF" "$INITRD,$M1" "jt.quick-mods=$(quick_key "$INITRD"),$(quick_key "$M1")" \
	-bios "$QBOOT"
expect "quick check (the benchmark's mode), qboot" 33 \
	"PASS multiboot-guest quick"

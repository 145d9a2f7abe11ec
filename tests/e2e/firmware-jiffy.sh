#!/usr/bin/env bash
# firmware-jiffy.sh: jiffy --firmware and --bios: the test guests through firmware, qboot.rom, refusals and panics.
#
# With --firmware the vCPU starts at the reset vector of jiffy's built-in
# firmware, which reads kernel, initrd and command line from fw_cfg as
# QEMU's -kernel leaves them (firmware-qemu.sh runs the same firmware under
# QEMU). --bios runs any PC firmware image the same way: qboot.rom from
# QEMU must boot the PVH guest.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

FW=$BUILD/firmware/jiffy-firmware.bin
QBOOT=/usr/share/qemu/qboot.rom

CASES=(
	"--firmware and --bios together are refused"
	"a --bios image that is not a multiple of 64 KiB is refused"
	"--initrd without --kernel under --bios is refused"
	"PVH guest through the firmware: start_info, initrd, strict memory map"
	"PVH guest through the firmware without an initrd"
	"bzImage guest through the firmware: 32-bit entry at its preferred address"
	"multiboot ELF guest through the firmware, --module"
	"multiboot a.out guest through the firmware, QEMU's module list, an AP"
	"the demo guest through the firmware (no --kernel)"
	"--trace: the firmware's progress codes in order, the initrd's DMA copy"
	"qboot.rom (--bios) boots the PVH guest"
	"--bios with jiffy's firmware and no kernel: panic, status 37"
	"a kernel of no known format: the firmware panics"
	"a bzImage that needs more RAM than there is: the firmware panics"
)
plan ${#CASES[@]}
guests_setup

jiffy() {
	run "$JIFFY" --memory "${MEM_MIB}M" "$@"
}

# --- refusals: jiffy says no before it opens KVM -------------------------
jiffy --firmware --bios "$FW"
expect "${CASES[0]}" 2 "jiffy: --firmware and --bios both name the firmware; give one"

head -c 70000 /dev/zero >"$TMPD/odd.rom"
jiffy --bios "$TMPD/odd.rom"
expect "${CASES[1]}" 2 \
	"jiffy: --bios $TMPD/odd.rom: 70000 bytes; a PC firmware image is a non-zero multiple of 64 KiB, at most 16 MiB"

jiffy --bios "$FW" --initrd "$INITRD"
expect "${CASES[2]}" 2 "jiffy: --initrd and --module need a --kernel"

# --- boots ---------------------------------------------------------------
skip_all_without_kvm "${CASES[@]:3}"

PVH_PASS="~PASS pvh-guest start_info v1, initrd $INITRD_SIZE bytes at 0x[0-9a-f]+, .*"

append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES a=\"b c\""
jiffy --firmware --kernel "$GUESTS/pvh-guest.elf" --initrd "$INITRD" \
	--append "$append"
expect "${CASES[3]}" 33 "cmdline: $append" "$PVH_PASS"

jiffy --firmware --kernel "$GUESTS/pvh-guest.elf" --append "jt.mem=$MEM_BYTES"
expect "${CASES[4]}" 33 "~PASS pvh-guest start_info v1, initrd 0 bytes at 0x0, .*"

append="jt.entry=32 jt.load=0x1000000 jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
jiffy --firmware --kernel "$GUESTS/bzimage-guest.bin" --initrd "$INITRD" \
	--append "$append"
expect "${CASES[5]}" 33 "cmdline: $append" \
	"~PASS bzimage-guest 32-bit entry at 0x1000000, initrd $INITRD_SIZE bytes at .*"

M1=$TMPD/mod1
head -c 5000 /dev/urandom >"$M1"
MODS="jt.mods=2 jt.mod0=$INITRD_KEY jt.mod1=$(jsum_key "$M1")"
append="$MODS jt.loader=jiffy jt.mem=$MEM_BYTES"
jiffy --firmware --kernel "$GUESTS/multiboot-guest.elf" \
	--module "$INITRD,root=/dev/x" --module "$M1" --append "$append"
expect "${CASES[6]}" 33 "cmdline: $GUESTS/multiboot-guest.elf $append" \
	"module 0: $INITRD_SIZE bytes: $INITRD root=/dev/x" \
	"~PASS multiboot-guest flags 0x24f, 2 modules, mem_lower 636 KiB, .*"

append="$MODS jt.loader=jiffy jt.mem=$MEM_BYTES jt.cpus=2"
jiffy --firmware --cpus 2 --kernel "$GUESTS/multiboot-aout-guest.bin" \
	--initrd "$INITRD a b,$M1" --append "$append"
expect "${CASES[7]}" 33 "module 0: $INITRD_SIZE bytes: $INITRD a b" \
	"~PASS multiboot-aout-guest flags 0x24f, 2 modules, .*, 2 CPUs"

jiffy --firmware
expect "${CASES[8]}" 0 \
	"~Hello from the jiffy demo guest: [0-9]+ MiB of RAM, no command line .*"

jiffy --firmware --trace --kernel "$GUESTS/pvh-guest.elf" --initrd "$INITRD" \
	--append "jt.initrd=$INITRD_KEY"
posts=$(grep -oE 'post 0x0[1-4]$' <<<"$OUT" | tr '\n' ' ')
if [[ $STATUS == 33 && $posts == "post 0x01 post 0x02 post 0x03 post 0x04 " ]] &&
	grep -qE "fw_cfg DMA copy: 1024 KiB of key 0x12 in [0-9.]+ ms" <<<"$OUT"; then
	pass "${CASES[9]}"
else
	fail "${CASES[9]}" "status $STATUS, codes: $posts" "command: $RUN_CMD" "$OUT"
fi

if [[ -r $QBOOT ]]; then
	# qboot passes etc/e820 on unsorted and declares an extra entry.
	append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES jt.memmap-sort=1 jt.memmap-trailing-empty=1"
	jiffy --bios "$QBOOT" --kernel "$GUESTS/pvh-guest.elf" \
		--initrd "$INITRD" --append "$append"
	expect "${CASES[10]}" 33 "cmdline: $append" "$PVH_PASS"
else
	fail "${CASES[10]}" "$QBOOT is missing (Debian's qemu-system-data)"
fi

jiffy --bios "$FW"
expect "${CASES[11]}" 37 \
	"jiffy firmware: panic: no kernel: fw_cfg has no KERNEL_* or SETUP_* items (start QEMU with -kernel, jiffy with --kernel)"

head -c 65536 /dev/zero >"$TMPD/zeros"
jiffy --firmware --kernel "$TMPD/zeros"
expect "${CASES[12]}" 37 \
	"~jiffy firmware: panic: unknown kernel format: no Linux setup header .*"

cp "$GUESTS/bzimage-guest.bin" "$TMPD/huge-bz"
printf '\x00\x00\x00\x10' | dd of="$TMPD/huge-bz" bs=1 seek=$((0x260)) conv=notrunc status=none
jiffy --firmware --kernel "$TMPD/huge-bz"
expect "${CASES[13]}" 37 \
	"~jiffy firmware: panic: kernel does not fit in RAM: kernel needs 0x10000000 bytes .*"


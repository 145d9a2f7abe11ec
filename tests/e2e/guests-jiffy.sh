#!/usr/bin/env bash
# guests-jiffy.sh: the PVH and bzImage test guests, and the demo, under jiffy.
#
# Written against jiffy's command line: jiffy --kernel FILE [--initrd FILE]
# [--append STRING] [--memory SIZE] [--cpus N]; guest output on stdout;
# exit status 33 for a guest's PASS, 35 for its FAIL, 0 after a reset.
# The same guests pass under QEMU (guests-qemu.sh); jiffy's memory map is
# checked strictly (no jt.memmap-trailing-empty).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

CASES=(
	"pvh-guest with an odd-sized initrd"
	"pvh-guest without an initrd, 2 vCPUs"
	"pvh-guest fails on a wrong initrd checksum"
	"bzimage-guest through its 64-bit entry at 16 MiB, with an initrd"
	"bzimage-guest without an initrd"
	"bzimage-guest fails when jt.load= disagrees"
	"jiffy without --kernel boots the demo and exits 0 on its reset"
	"pvh-guest quick check (the benchmark's mode) of a 64 MiB initrd"
	"pvh-guest quick check fails on a wrong last word"
)
plan ${#CASES[@]}

skip_all_without_kvm "${CASES[@]}"
guests_setup

# --- PVH guest --------------------------------------------------------
append="jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES hello=world"
jiffy --kernel "$GUESTS/pvh-guest.elf" --initrd "$INITRD" --append "$append"
expect "${CASES[0]}" 33 \
	"cmdline: $append" "~PASS pvh-guest .*initrd $INITRD_SIZE bytes at .*"

append="jt.mem=$MEM_BYTES"
jiffy --kernel "$GUESTS/pvh-guest.elf" --cpus 2 --append "$append"
expect "${CASES[1]}" 33 \
	"cmdline: $append" "~PASS pvh-guest .*initrd 0 bytes at .*"

bad=${INITRD_KEY%,*},$INITRD_BAD_LAST
jiffy --kernel "$GUESTS/pvh-guest.elf" --initrd "$INITRD" \
	--append "jt.initrd=$bad"
expect "${CASES[2]}" 35 \
	"FAIL pvh-guest: initrd last 4 KiB sum $INITRD_LAST expected $INITRD_BAD_LAST"

# --- bzImage guest: jiffy loads it at pref_address, 64-bit entry --------
append="jt.entry=64 jt.load=0x1000000 jt.initrd=$INITRD_KEY jt.mem=$MEM_BYTES"
jiffy --kernel "$GUESTS/bzimage-guest.bin" --initrd "$INITRD" \
	--append "$append"
expect "${CASES[3]}" 33 \
	"cmdline: $append" \
	"~PASS bzimage-guest 64-bit entry at 0x1000000, initrd $INITRD_SIZE bytes at .*"

append="jt.entry=64 jt.load=0x1000000 jt.mem=$MEM_BYTES"
jiffy --kernel "$GUESTS/bzimage-guest.bin" --append "$append"
expect "${CASES[4]}" 33 \
	"cmdline: $append" \
	"~PASS bzimage-guest 64-bit entry at 0x1000000, initrd 0 bytes at .*"

jiffy --kernel "$GUESTS/bzimage-guest.bin" --append "jt.load=0x3000000"
expect "${CASES[5]}" 35 \
	"FAIL bzimage-guest: loaded at 0x1000000 but jt.load=0x3000000"

# --- demo ---------------------------------------------------------------
run "$JIFFY" --memory 64M --append "hello from the test"
expect "${CASES[6]}" 0 \
	"Hello from the jiffy demo guest: 63 MiB of RAM, command line \"hello from the test\"."

# --- quick mode, as bench/boot.sh uses it ------------------------------
big=$TMPD/big
head -c $((64 << 20)) /dev/urandom >"$big"
quick=$(quick_key "$big")
IFS=, read -r _ first last <<<"$quick"
jiffy --kernel "$GUESTS/pvh-guest.elf" --initrd "$big" \
	--append "jt.quick=$quick"
expect "${CASES[7]}" 33 "PASS pvh-guest quick"
jiffy --kernel "$GUESTS/pvh-guest.elf" --initrd "$big" \
	--append "jt.quick=${quick%,*},$(printf '%08x' $((0x$last ^ 1)))"
expect "${CASES[8]}" 35 \
	"FAIL pvh-guest: quick: the initrd's first or last word is not 0x$(printf "%x" $((0x$first))) / 0x$(printf '%x' $((0x$last ^ 1)))"

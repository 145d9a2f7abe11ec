#!/usr/bin/env bash
# multiboot-jiffy.sh: the multiboot test guests (ELF32 and a.out kludge) under jiffy, with modules and APs.
#
# The same binaries pass under QEMU -kernel (multiboot-qemu.sh). Modules are
# given both ways jiffy takes them: --module FILE[,ARGS] and, as QEMU spells
# them, --initrd "FILE ARGS,FILE" (",," for a comma in a name).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"

ELF=$GUESTS/multiboot-guest.elf
AOUT=$GUESTS/multiboot-aout-guest.bin

CASES=(
	"ELF guest, three modules from --module, strict memory map"
	"a.out kludge guest, modules in QEMU's --initrd spelling, a comma in a name"
	"ELF guest without modules"
	"an empty module and a module of one byte"
	"a 64 MiB module is mapped from its file, not copied"
	"ELF guest starts 2 APs (--cpus 3, jt.cpus=3)"
	"a.out guest starts its AP (--cpus 2)"
	"APs counted against fw_cfg's CPU count and RAM size, read by byte I/O"
	"fails on a wrong module checksum"
	"fails when a module is missing"
	"fails when the APs it expects do not exist"
	"quick check (the benchmark's mode) of three modules"
	"quick check fails on a wrong last word"
)
plan ${#CASES[@]}

skip_all_without_kvm "${CASES[@]}"
guests_setup
multiboot_modules

# --- the guests, their modules and strings ------------------------------
append="$MODS jt.loader=jiffy jt.mem=$MEM_BYTES hello=world"
jiffy --kernel "$ELF" --module "$INITRD,root=/dev/x quiet" \
	--module "$M1" --module "${M2/,/,,},a,b" --append "$append"
expect "${CASES[0]}" 33 \
	"cmdline: $ELF $append" "boot loader: jiffy" \
	"module 0: $INITRD_SIZE bytes: $INITRD root=/dev/x quiet" \
	"module 1: 5000 bytes: $M1" \
	"module 2: 12289 bytes: $M2 a,b" \
	"~PASS multiboot-guest flags 0x24d, 3 modules, mem_lower 639 KiB, mem_upper 130048 KiB, 4 memory-map entries, 1 CPUs"

append="$MODS jt.loader=jiffy jt.mem=$MEM_BYTES"
jiffy --kernel "$AOUT" --initrd "$INITRD a b,$M1,${M2/,/,,} x,,y" \
	--append "$append"
expect "${CASES[1]}" 33 \
	"cmdline: $AOUT $append" \
	"module 0: $INITRD_SIZE bytes: $INITRD a b" \
	"module 1: 5000 bytes: $M1" \
	"module 2: 12289 bytes: $M2 x,y" \
	"~PASS multiboot-aout-guest flags 0x24d, 3 modules, .*"

jiffy --kernel "$ELF"
expect "${CASES[2]}" 33 "cmdline: $ELF " \
	"~PASS multiboot-guest flags 0x24d, 0 modules, .*"

: >"$TMPD/empty"
printf x >"$TMPD/one"
jiffy --kernel "$ELF" --module "$TMPD/empty" --module "$TMPD/one" \
	--append "jt.mods=2 jt.mod0=$(jsum_key "$TMPD/empty") jt.mod1=$(jsum_key "$TMPD/one")"
expect "${CASES[3]}" 33 "module 0: 0 bytes: $TMPD/empty" \
	"module 1: 1 bytes: $TMPD/one" "~PASS multiboot-guest .*, 2 modules, .*"

# --trace shows how the modules were loaded: all whole pages mapped.
big=$TMPD/big
head -c $((64 << 20)) /dev/urandom >"$big"
jiffy --trace --kernel "$ELF" --module "$big" \
	--append "jt.mods=1 jt.mod0=$(jsum_key "$big")"
expect "${CASES[4]}" 33 "~PASS multiboot-guest .*" \
	"~ +[0-9.]+  1 multiboot modules loaded from 0x[0-9a-f]+ \(65536 KiB mapped, 0 KiB copied\)"

# --- application processors --------------------------------------------
jiffy --kernel "$ELF" --cpus 3 --append "jt.cpus=3"
expect "${CASES[5]}" 33 "~PASS multiboot-guest .*, 3 CPUs"

jiffy --kernel "$AOUT" --cpus 2 --append "jt.cpus=2"
expect "${CASES[6]}" 33 "~PASS multiboot-aout-guest .*, 2 CPUs"

# Needs jiffy's fw_cfg device (ports 0x510/0x511): QEMU-targeted test
# kernels learn the CPU count and RAM size this way.
jiffy --kernel "$ELF" --cpus 2 --append "jt.fw-cfg=1 jt.cpus=2 jt.mem=$MEM_BYTES"
expect "${CASES[7]}" 33 "fw_cfg: 2 CPUs, $MEM_BYTES bytes of RAM" \
	"~PASS multiboot-guest .*, 2 CPUs"

# --- failures ------------------------------------------------------------
jiffy --kernel "$ELF" --module "$INITRD" --module "$M1" \
	--append "jt.mods=2 jt.mod0=$INITRD_KEY jt.mod1=${M1_KEY%,*},0x1"
expect "${CASES[8]}" 35 \
	"FAIL multiboot-guest: module 1 last 4 KiB sum ${M1_KEY##*,} expected 0x00000001"

jiffy --kernel "$AOUT" --module "$INITRD" --append "jt.mods=2"
expect "${CASES[9]}" 35 \
	"FAIL multiboot-aout-guest: 1 modules handed over, jt.mods=2 expected"

jiffy --kernel "$ELF" --append "jt.cpus=2"
expect "${CASES[10]}" 35 \
	"FAIL multiboot-guest: 1 of 2 CPUs ran: 0 APs checked in after INIT/SIPI"

# --- quick mode, as bench/multiboot.sh uses it --------------------------
q="$(quick_key "$INITRD"),$(quick_key "$M1"),$(quick_key "$M2")"
jiffy --kernel "$ELF" --initrd "$INITRD,$M1,${M2/,/,,}" \
	--append "jt.quick-mods=$q"
expect "${CASES[11]}" 33 "PASS multiboot-guest quick"
jiffy --kernel "$ELF" --initrd "$INITRD,$M1,${M2/,/,,}" \
	--append "jt.quick-mods=${q%,*},1"
expect "${CASES[12]}" 35 \
	"FAIL multiboot-guest: quick: module 2 (12289 bytes) is not as jt.quick-mods= says"

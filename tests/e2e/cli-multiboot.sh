#!/usr/bin/env bash
# cli-multiboot.sh: every malformed multiboot kernel or module gives one clear
# line on stderr and status 2; run with jiffy and with its ASan+UBSan build.
# All of these are refused before KVM is opened: no /dev/kvm needed.
source "$(dirname "$0")/lib.bash"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

le32() { printf '%08x' $(($1 & 0xffffffff)) | sed -E 's/(..)(..)(..)(..)/\4 \3 \2 \1/'; }

# putw FILE OFFSET WORD...: little-endian 32-bit words at an offset.
putw() {
	local f=$1 off=$2 w hex=
	shift 2
	for w in "$@"; do
		hex+=$(printf '\\x%s' $(le32 "$w"))
	done
	printf "$hex" | dd of="$f" bs=1 seek=$((off)) conv=notrunc status=none
}

MAGIC=0x1badb002
AOUT=0x10001 # MULTIBOOT_AOUT_KLUDGE | MULTIBOOT_PAGE_ALIGN

# aout FILE SIZE OFFSET FLAGS HEADER_ADDR LOAD LOAD_END BSS_END ENTRY:
# a multiboot a.out kludge kernel with a header at OFFSET.
aout() {
	local f=$1 size=$2 off=$3 flags=$4
	shift 4
	head -c "$size" /dev/zero | tr '\0' '\220' >"$f" # nops
	putw "$f" "$off" $MAGIC "$flags" $((-(MAGIC + flags))) "$@"
}

# A good kernel: 8 KiB at 1 MiB, header at 0x40, BSS to 1 MiB + 16 KiB.
good=(0x100040 0x100000 0x102000 0x104000 0x100080)
aout "$tmp/good" 8192 0x40 $AOUT "${good[@]}"
cp "$tmp/good" "$tmp/badsum"
putw "$tmp/badsum" $((0x48)) 0x12345678
aout "$tmp/beyond" 12288 8192 $AOUT "${good[@]}"
aout "$tmp/cut" 32 0 $AOUT "${good[@]}"
head -c 20 "$tmp/cut" >"$tmp/cut20"
aout "$tmp/short" 4096 0x40 $AOUT "${good[@]}"
aout "$tmp/reqbit" 8192 0x40 $((AOUT | 8)) "${good[@]}"
aout "$tmp/noaddr" 8192 0x40 0x3
aout "$tmp/low" 8192 0x40 $AOUT 0x80040 0x80000 0x82000 0x84000 0x80080
aout "$tmp/high" 8192 0x40 $AOUT 0x20000040 0x20000000 0x20002000 0x20004000 0x20000080
aout "$tmp/entry" 8192 0x40 $AOUT 0x100040 0x100000 0x102000 0x104000 0x200000
# An ELF multiboot kernel with a damaged checksum and no PVH note.
elf=$BUILD/guests/multiboot-guest.elf
cp "$elf" "$tmp/badsum.elf"
off=$(LC_ALL=C grep -obUaP '\x02\xb0\xad\x1b' "$elf" | head -1 | cut -d: -f1)
putw "$tmp/badsum.elf" $((off + 8)) 0

head -c $((8 << 20)) /dev/zero >"$tmp/8M"
head -c $((6 << 20)) /dev/zero >"$tmp/6M"
: >"$tmp/empty"
mkdir "$tmp/dir"

source "$(dirname "$0")/cli-lib.bash"
add "bad checksum" "multiboot header at file offset 0x40 has checksum 0x12345678, but magic + flags + checksum must be 0 (flags 0x00010001 need checksum 0xe4514ffd)" --kernel "$tmp/badsum"
add "bad checksum, ELF without PVH note" "has checksum 0x00000000, but magic + flags + checksum must be 0" --kernel "$tmp/badsum.elf"
add "header beyond 8 KiB" "multiboot header at file offset 0x2000 lies beyond the first 8 KiB" --kernel "$tmp/beyond"
add "header cut off by the end of the file" "truncated file: the multiboot header at file offset 0x0 needs 32 bytes (flags 0x00010001) but the file ends at 0x14" --kernel "$tmp/cut20"
add "a.out kludge past the end of the file" "truncated file: multiboot load_end_addr 0x102000 asks for 0x2000 bytes from file offset 0x0, but the file ends at 0x1000" --kernel "$tmp/short"
add "unknown required flag" "multiboot header flags 0x00010009 require bit 3" --kernel "$tmp/reqbit"
add "neither ELF nor address fields" "lack the address fields (bit 16) and the file is not ELF" --kernel "$tmp/noaddr"
add "image below 1 MiB" "the a.out kludge image [0x80000, 0x84000) starts below 0x100000, where the boot structures live" --kernel "$tmp/low"
add "image outside RAM" "the a.out kludge image [0x20000000, 0x20004000) is not inside guest RAM (63 MiB)" --memory 64M --kernel "$tmp/high"
add "entry outside the image" "multiboot entry_addr 0x200000 is outside the loaded image [0x100000, 0x104000)" --kernel "$tmp/entry"
add "module larger than RAM" "--module $tmp/8M: 8192 KiB, more than the 3 MiB of guest RAM below 4 GiB, where multiboot modules must lie (--memory 4M)" --memory 4M --kernel "$tmp/good" --module "$tmp/8M"
add "modules that do not fit after the kernel" "--module $tmp/6M: 6144 KiB do not fit in guest RAM between 0x704000 (after the kernel and the modules before it) and 4 GiB (--memory 8M)" --memory 8M --kernel "$tmp/good" --module "$tmp/6M" --module "$tmp/6M"
add "missing module (--module)" "--module $tmp/nope: No such file or directory" --kernel "$tmp/good" --module "$tmp/nope,args"
add "missing module (--initrd list)" "--initrd $tmp/nope: No such file or directory" --kernel "$tmp/good" --initrd "$tmp/empty,$tmp/nope a b"
add "module is a directory" "--module $tmp/dir: is a directory" --kernel "$tmp/good" --module "$tmp/dir"
add "empty item in an --initrd list" "--initrd '$tmp/empty,': module 2 has no file name" --kernel "$tmp/good" --initrd "$tmp/empty,"
add "--module without a file name" "--module ',args': no file name" --kernel "$tmp/good" --module ",args"
add "--module with a PVH kernel" "--module $tmp/empty: modules are for multiboot kernels and $BUILD/guests/pvh-guest.elf is not one" --kernel "$BUILD/guests/pvh-guest.elf" --module "$tmp/empty"
add "--module without --kernel" "modules are for multiboot kernels and demo guest is not one" --module "$tmp/empty"

plan $((${#CASES[@]} * ${#BINARIES[@]} + 1))
cli_run

out=$("$JIFFY" --help 2>&1)
if [[ $? -eq 0 && $out == *"--module FILE[,ARGS]"* && $out == *"multiboot"* ]]; then
	pass "--help names --module and multiboot kernels"
else
	fail "--help names --module and multiboot kernels" "$out"
fi

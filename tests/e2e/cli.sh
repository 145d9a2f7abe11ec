#!/usr/bin/env bash
# cli.sh: every bad option or input file gives one clear line on stderr and
# status 2, never a crash; run with jiffy and with its ASan+UBSan build.
# These errors are all found before KVM is opened, so no /dev/kvm is needed.
source "$(dirname "$0")/lib.bash"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# putb FILE OFFSET HEX...: write bytes at an offset (file grows as needed).
putb() {
	local f=$1 off=$2 hex
	shift 2
	hex=$(printf '\\x%s' "$@")
	printf "$hex" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

# A fake bzImage header: boot flag, jump byte, "HdrS", a version, xloadflags.
fake_bzimage() { # FILE VERSION_LO VERSION_HI XLOADFLAGS BOOTFLAG_LO
	head -c 8192 /dev/zero >"$1"
	putb "$1" $((0x1fe)) "$5" aa
	putb "$1" $((0x200)) eb 6a 48 64 72 53 "$2" "$3"
	putb "$1" $((0x211)) 01                # LOADED_HIGH
	putb "$1" $((0x236)) "$4" 00
}

echo "hello, I am not a kernel" >"$tmp/text"
: >"$tmp/empty"
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03' >"$tmp/gzip"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00' >"$tmp/short.elf"
fake_bzimage "$tmp/old.bz" 01 02 00 55
fake_bzimage "$tmp/no64.bz" 0f 02 00 55
fake_bzimage "$tmp/badflag.bz" 0f 02 01 00
head -c $((8 << 20)) /dev/zero >"$tmp/8M"
mkdir "$tmp/dir"
# A relocatable object: an ELF, but nothing a loader can place.
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x3e\x00\x01\x00\x00\x00' >"$tmp/obj.o"
head -c 64 /dev/zero >>"$tmp/obj.o"

# add NAME WANT_SUBSTRING ARGS...: status 2, exactly one stderr line.
source "$(dirname "$0")/cli-lib.bash"
add "unknown option" "unknown option '--frobnicate'" --frobnicate
add "missing argument" "--kernel needs an argument" --kernel
add "stray argument" "unexpected argument 'vmlinux'" vmlinux
add "memory zero" "--memory '0': guest RAM must be between" --memory 0
add "memory huge" "--memory '99999999999999999999G': number too large" --memory 99999999999999999999G
add "memory overflow" "--memory '20000000T': size too large" --memory 20000000T
add "memory garbled suffix" "--memory '12X': unknown suffix" --memory 12X
add "memory empty" "--memory '': empty size" --memory ''
add "memory negative" "--memory '-5': a size starts with a digit" --memory -5
add "memory fraction" "--memory '1.5G': unknown suffix" --memory 1.5G
add "memory too small" "between 4 MiB and 1024 GiB" --memory 1M
add "memory too large" "between 4 MiB and 1024 GiB" --memory 2T
add "cpus zero" "--cpus '0': give a number from 1 to 254" --cpus 0
add "cpus too many" "--cpus '255': give a number" --cpus 255
add "cpus garbled" "--cpus 'four': give a number" --cpus four
add "kernel missing" "--kernel $tmp/nope: No such file or directory" --kernel "$tmp/nope"
add "kernel directory" "--kernel $tmp/dir: is a directory" --kernel "$tmp/dir"
add "kernel empty" "not a bootable kernel: found an empty file" --kernel "$tmp/empty"
add "kernel text" "not a bootable kernel: found a text file starting \"hello, I am not a kernel\"" --kernel "$tmp/text"
add "kernel gzip" "not a bootable kernel: found gzip-compressed data" --kernel "$tmp/gzip"
add "kernel truncated ELF" "truncated ELF: 18 bytes, the ELF64 header alone needs 64" --kernel "$tmp/short.elf"
add "ELF without PVH note" "an ELF file but not a PVH kernel: no Xen PHYS32_ENTRY note" --kernel /bin/true
add "ELF object file" "ELF type 1 is not an executable (an object file)" --kernel "$tmp/obj.o"
add "bzImage protocol too old" "boot protocol 2.01 is too old" --kernel "$tmp/old.bz"
add "bzImage without 64-bit entry" "has no XLF_KERNEL_64" --kernel "$tmp/no64.bz"
add "bzImage wrong boot flag" "boot_flag at 0x1fe is 0xaa00, not 0xaa55" --kernel "$tmp/badflag.bz"
add "initrd missing" "--initrd $tmp/nope: No such file or directory" --initrd "$tmp/nope"
add "initrd empty" "--initrd $tmp/empty: the file is empty" --initrd "$tmp/empty"
add "initrd bigger than RAM" "do not fit in guest RAM" --memory 4M --initrd "$tmp/8M"
long=opt/$(printf 'x%.0s' $(seq 60))
add "fw-cfg name too long" "--fw-cfg 'name=$long,string=x': name is longer than 55 bytes" --fw-cfg "name=$long,string=x"
add "fw-cfg without content" "--fw-cfg 'name=opt/a': " --fw-cfg "name=opt/a"
add "fw-cfg file and string" "--fw-cfg 'name=opt/a,file=/etc/hostname,string=x': " --fw-cfg "name=opt/a,file=/etc/hostname,string=x"
add "fw-cfg unknown key" "--fw-cfg 'name=opt/a,colour=red': " --fw-cfg "name=opt/a,colour=red"
add "fw-cfg duplicate name" "--fw-cfg name=opt/a,string=2: an item named opt/a already exists" --fw-cfg "name=opt/a,string=1" --fw-cfg "name=opt/a,string=2"
add "fw-cfg unreadable file" "--fw-cfg $tmp/nope: No such file or directory" --fw-cfg "name=opt/a,file=$tmp/nope"
add "fw-cfg too many items" "too many fw_cfg files" $(for i in $(seq 40); do echo --fw-cfg name=opt/i$i,string=$i; done)

plan $((${#CASES[@]} * ${#BINARIES[@]} + 2))
cli_run

out=$("$JIFFY" --help 2>&1)
if [[ $? -eq 0 && $out == *"--kernel FILE"* && $out == *"Exit status"* ]]; then
	pass "--help"
else
	fail "--help" "$out"
fi
out=$("$JIFFY" --version 2>&1)
if [[ $? -eq 0 && $out =~ ^jiffy\ [0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	pass "--version"
else
	fail "--version" "$out"
fi

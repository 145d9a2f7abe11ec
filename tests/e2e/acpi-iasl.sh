#!/usr/bin/env bash
# acpi-iasl.sh: jiffy's ACPI tables through ACPICA's iasl: disassembled cleanly, recompiled to the same bytes.
#
# For each vCPU count, build/host/tests/tools/acpi-dump writes the tables
# jiffy builds. Every table but the RSDP (which iasl cannot read) is
# disassembled with `iasl -d`: any error or warning fails. The disassembly
# must show what jiffy means to describe (hardware-reduced FADT and its
# registers, one LAPIC per CPU, the IOAPIC, the DSDT's devices), and
# compiled again by iasl it must give the same bytes (but for the checksum
# and the compiler's name and version in the header): iasl and jiffy agree
# on every byte. The RSDP's fields and checksums are checked here.
source "$(dirname "$0")/lib.bash"

DUMP=$BUILD/host/tests/tools/acpi-dump
CPU_COUNTS=(1 4 8 64 255)
plan ${#CPU_COUNTS[@]}

if ! command -v iasl >/dev/null; then
	for n in "${CPU_COUNTS[@]}"; do
		skip "$n vCPUs: ACPI tables through iasl" \
			"iasl is not installed (Debian package acpica-tools)"
	done
	exit 0
fi

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# Bytes of a file as decimal numbers, one per line.
bytes() {
	od -An -v -tu1 "$1" | tr -s ' ' '\n' | sed '/^$/d'
}

# Sum of the first $2 bytes of file $1, modulo 256.
sum8() {
	bytes "$1" | head -n "$2" | awk '{ s += $1 } END { print s % 256 }'
}

# Little-endian integer of $3 bytes at offset $2 of file $1, in hex.
le() {
	printf '0x%x' "$(od -An -tu8 -j "$2" -N "$3" "$1" 2>/dev/null |
		tr -d ' ' || echo 0)"
}

check_rsdp() {
	local f=$1/rsdp.dat
	[[ $(head -c 8 "$f") == "RSD PTR " ]] || echo "RSDP: signature '$(head -c 8 "$f")'"
	[[ $(stat -c %s "$f") == 36 ]] || echo "RSDP: $(stat -c %s "$f") bytes, expected 36"
	(($(sum8 "$f" 20) == 0)) || echo "RSDP: the first 20 bytes do not sum to 0"
	(($(sum8 "$f" 36) == 0)) || echo "RSDP: the 36 bytes do not sum to 0"
	(($(od -An -tu1 -j 15 -N 1 "$f") == 2)) || echo "RSDP: revision is not 2"
	[[ $(le "$f" 16 4) == "${ADDR[rsdt]}" ]] || echo "RSDP: RsdtAddress $(le "$f" 16 4), RSDT at ${ADDR[rsdt]}"
	[[ $(le "$f" 24 8) == "${ADDR[xsdt]}" ]] || echo "RSDP: XsdtAddress $(le "$f" 24 8), XSDT at ${ADDR[xsdt]}"
}

# Disassemble $1/$2.dat, recompile it, compare; print each problem.
check_table() {
	local dir=$1 t=$2 out
	out=$(cd "$dir" && iasl -d "$t.dat" 2>&1) ||
		echo "$t: iasl -d failed: $(tail -n 3 <<<"$out")"
	grep -iE 'error|warning' <<<"$out" | sed "s/^/$t: iasl -d: /"
	[[ -s $dir/$t.dsl ]] || {
		echo "$t: no disassembly"
		return
	}
	# -on: keep names as written (\_SB stays rooted, as jiffy writes it).
	out=$(cd "$dir" && iasl -on -p "re-$t" "$t.dsl" 2>&1)
	grep -q 'Compilation successful\. *0 Errors, 0 Warnings, 0 Remarks' <<<"$out" ||
		echo "$t: iasl does not compile its own disassembly cleanly: $(grep -iE 'error|warning|remark' <<<"$out" | head -n 3)"
	# Bytes 9 (checksum) and 28-35 (compiler id and version) differ.
	cmp -s <(bytes "$dir/$t.dat" | sed '10d;29,36d') \
		<(bytes "$dir/re-$t.aml" | sed '10d;29,36d') ||
		echo "$t: iasl compiles the disassembly to other bytes: $(cmp -l <(bytes "$dir/$t.dat") <(bytes "$dir/re-$t.aml") 2>&1 | head -n 3 | tr '\n' ' ')"
}

# Every fixed string must appear in file $2 (prefixed $1 in messages).
expect_in() {
	local what=$1 file=$2 s
	shift 2
	for s in "$@"; do
		grep -qF -- "$s" "$file" || echo "$what: no '$s' in the disassembly"
	done
}

expect_count() {
	local what=$1 file=$2 pattern=$3 want=$4 n
	n=$(grep -cE -- "$pattern" "$file")
	((n == want)) || echo "$what: $n lines matching '$pattern', expected $want"
}

# Hex as iasl prints table addresses: upper case, zero-padded to $2 digits.
hexpad() {
	printf "%0${2}X" "$1"
}

check_contents() {
	local d=$1 n=$2
	expect_count APIC "$d/apic.dsl" 'Subtable Type : 00 \[Processor Local APIC\]' "$n"
	expect_count APIC "$d/apic.dsl" 'Processor Enabled : 1' "$n"
	expect_in APIC "$d/apic.dsl" "Local Apic ID : $(hexpad $((n - 1)) 2)" \
		"Local Apic Address : FEE00000" "[I/O APIC]" \
		"Address : FEC00000" "[Local APIC NMI]" \
		"Interrupt Input LINT : 01"
	expect_count APIC "$d/apic.dsl" '\[I/O APIC\]' 1
	expect_count APIC "$d/apic.dsl" 'Interrupt Source Override' 0
	expect_in FACP "$d/facp.dsl" "Revision : 06" "FADT Minor Revision : 03" \
		"Hardware Reduced (V5) : 1" "Reset Register Supported (V2) : 1" \
		"8042 Present on ports 60/64 (V2) : 1" \
		"Legacy Devices Supported (V2) : 1" "VGA Not Present (V4) : 1" \
		"CMOS RTC Not Present (V5) : 0" "RTC Century Index : 32" \
		"Value to cause reset : 42" "Address : 0000000000000600" \
		"Address : 0000000000000601" "Address : 0000000000000602" \
		"DSDT Address : $(hexpad "${ADDR[dsdt]}" 16)"
	expect_count FACP "$d/facp.dsl" 'Space ID : 01 \[SystemIO\]' 3
	expect_in XSDT "$d/xsdt.dsl" \
		"ACPI Table Address   0 : $(hexpad "${ADDR[facp]}" 16)" \
		"ACPI Table Address   1 : $(hexpad "${ADDR[apic]}" 16)"
	expect_in RSDT "$d/rsdt.dsl" \
		"ACPI Table Address   0 : $(hexpad "${ADDR[facp]}" 8)" \
		"ACPI Table Address   1 : $(hexpad "${ADDR[apic]}" 8)"
	expect_in DSDT "$d/dsdt.dsl" "Name (_S5, Package (0x04)" \
		"Scope (\\_SB)" "Device (COM1)" 'EisaId ("PNP0501")' "0x03F8" \
		"{4}" "Device (KBD)" 'EisaId ("PNP0303")' "0x0060" "0x0064" \
		"{1}" "Device (MOU)" 'EisaId ("PNP0F13")' "{12}" \
		"Device (RTC)" 'EisaId ("PNP0B00")' "0x0070" "Device (FWCF)" \
		'Name (_HID, "QEMU0002")' "Name (_STA, 0x0B)" "0x0510" "0x0C,"
}

for n in "${CPU_COUNTS[@]}"; do
	name="$n vCPUs: iasl disassembles every table without error or warning, recompiles each to the same bytes, and sees $n LAPICs, the IOAPIC, the hardware-reduced FADT and the DSDT's devices"
	d=$TMPD/$n
	mkdir -p "$d"
	declare -A ADDR=()
	if ! layout=$("$DUMP" "$d" "$n" 2>&1); then
		fail "$name" "acpi-dump: $layout"
		continue
	fi
	while read -r t a; do ADDR[$t]=$a; done <<<"$layout"
	problems=$(
		check_rsdp "$d"
		for t in rsdt xsdt facp apic dsdt; do
			check_table "$d" "$t"
		done
		check_contents "$d" "$n"
	)
	if [[ -z $problems ]]; then
		pass "$name"
	else
		fail "$name" "$problems"
	fi
done

#!/usr/bin/env bash
# fwprobe.sh: the fw_cfg probe guest under QEMU -M pc and under jiffy, same items; findings compared line by line, every difference listed.
#
# The probe (tests/guests/fwprobe) prints one "TAG: VALUE" line per
# finding: signature, feature bits, legacy keys, the directory, each
# item's sums by byte I/O and by DMA, the edge cases. Both runs get the
# same kernel, initrd, command line and -fw_cfg/--fw-cfg items. Lines are
# joined on TAG; a difference passes only if it is listed below with its
# reason, and a listed difference that no longer occurs fails too (so the
# list stays true). QEMU runs under TCG: here KVM emulates every
# instruction and SeaBIOS would take seconds.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/guests-lib.bash"
export LC_ALL=C # strcmp order, as fw_cfg sorts its files

QEMU=${QEMU:-qemu-system-x86_64}
PROBE=$GUESTS/fwprobe.elf

# --- The listed differences -------------------------------------------
# TAG|SIDE|REASON. SIDE: qemu or jiffy (only that side has the line), or
# both (both have it, with different values).
LISTED=(
	# Files QEMU's pc machine has and jiffy does not, one by one.
	"file bios-geometry|qemu|SeaBIOS's disk geometry hints; jiffy has no BIOS disks"
	"file bootorder|qemu|SeaBIOS's boot order; jiffy boots the kernel itself"
	"file etc/acpi/rsdp|qemu|ACPI tables for firmware to install: jiffy offers its own only under --bios (a direct boot and --firmware find them at 0xe0000)"
	"file etc/acpi/tables|qemu|ACPI tables for firmware to install: jiffy offers its own only under --bios"
	"file etc/table-loader|qemu|the script that installs those tables: jiffy offers its own only under --bios"
	"file etc/smbios/smbios-anchor|qemu|SMBIOS, which jiffy does not provide"
	"file etc/smbios/smbios-tables|qemu|SMBIOS, which jiffy does not provide"
	"file etc/system-states|qemu|ACPI sleep states for SeaBIOS's tables"
	"file etc/tpm/log|qemu|a TPM event log area (empty: there is no TPM)"
	"file genroms/kvmvapic.bin|qemu|QEMU's TPR-patching option ROM"
	"file genroms/pvh.bin|qemu|the option ROM SeaBIOS runs to enter a PVH kernel; jiffy enters it directly"
	"file etc/vmcoreinfo|qemu|-device vmcoreinfo, given to QEMU only so the write cases run: neither QEMU's pc nor jiffy has a writable item by default"
	# Hence the write cases run under QEMU only.
	"edge writable etc/vmcoreinfo at first|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable whole write|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable write past the end|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable skip 8, write 8|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable skip 12, write 8, cursor|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable skip 12, write 8|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable write from across the end of RAM|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable write from outside RAM|qemu|etc/vmcoreinfo: QEMU only"
	"edge writable item|jiffy|jiffy has no writable item (see etc/vmcoreinfo)"
	# Contents that differ.
	"key 0x8004 hpet|both|QEMU's pc has an HPET and describes it; jiffy has none (count 0)"
	"key 0x0018 setup-data|both|QEMU 7.2 registers its PVH loader's on-stack 8 KiB buffer without copying it and serves whatever the stack holds later; jiffy serves the file's first 8 KiB, which QEMU means to"
	"file etc/e820|both|its entry 0, below"
	"file etc/e820 entry 0|both|QEMU under TCG, with qemu64 (an AMD model, 40 address bits), reserves the HyperTransport hole at 1012 GiB; jiffy reserves what QEMU with KVM does: KVM's identity-map and TSS pages at 0xfeffc000"
	# Numbers that follow from the QEMU-only files, checked as such.
	"key 0x0019 file-dir|count|QEMU's count is jiffy's plus its files listed above"
)
# And the key of every file both have: 0x20 + its rank in strcmp order on
# each side (each probe checks that: "dir order"), so the keys may differ
# exactly by the number of files one side lacks that sort before it.

# What QEMU's etc/vmcoreinfo write cases must give (QEMU 7.2, fw_cfg.md
# §5.3): whole writes only; a source outside RAM reads as zeros.
VMCI_EXPECT=(
	"edge writable etc/vmcoreinfo at first: status 0, content 01000000000000000000000000000000"
	"edge writable whole write: status 0, content 404142434445464748494a4b4c4d4e4f"
	"edge writable write past the end: status 1, content 404142434445464748494a4b4c4d4e4f"
	"edge writable skip 8, write 8: skip status 0, write status 0, content 40414243444546475051525354555657"
	"edge writable skip 12, write 8, cursor: then io 00"
	"edge writable skip 12, write 8: skip status 0, write status 1, content 40414243444546475051525354555657"
	"edge writable write from across the end of RAM: status 1, content 33333333333333330000000000000000"
	"edge writable write from outside RAM: status 1, content 00000000000000000000000000000000"
)

declare -A LIST_SIDE LIST_WHY
for entry in "${LISTED[@]}"; do
	IFS='|' read -r tag side why <<<"$entry"
	LIST_SIDE[$tag]=$side
	LIST_WHY[$tag]=$why
done

# The probe's findings in OUT (after its start line), as TAG<TAB>VALUE.
findings() {
	sed -n '/^fwprobe: start\r*$/,$p' <<<"$OUT" | tail -n +2 | tr -d '\r' |
		awk '{ i = index($0, ": "); if (i) print substr($0, 1, i - 1) "\t" substr($0, i + 2); else print $0 "\t" }'
}

# load ARRAY FILE: findings into an associative array; duplicates fail.
load() {
	local -n _a=$1
	local tag value
	while IFS=$'\t' read -r tag value; do
		if [[ -v _a[$tag] ]]; then
			DUPS+=("$2: the finding \"$tag\" appears twice")
		fi
		_a[$tag]=$value
	done <"$2"
}

is_file() { [[ $1 == "file "* && $2 == "key 0x"* ]]; }

# compare QFILE JFILE: the differences that are not listed, in PROBLEMS.
compare() {
	local -A Q=() J=()
	local tag q j side qkey jkey qb jb name n qfiles=() jfiles=()
	PROBLEMS=() DUPS=()
	load Q "$1"
	load J "$2"
	PROBLEMS+=("${DUPS[@]}")
	for tag in "${!Q[@]}"; do is_file "$tag" "${Q[$tag]}" && qfiles+=("${tag#file }"); done
	for tag in "${!J[@]}"; do is_file "$tag" "${J[$tag]}" && jfiles+=("${tag#file }"); done
	while IFS= read -r tag; do
		side=${LIST_SIDE[$tag]-}
		if [[ -v Q[$tag] && -v J[$tag] ]]; then
			q=${Q[$tag]} j=${J[$tag]}
			if [[ $side == count ]]; then
				n=$((${q#count } - ${j#count }))
				[[ $n == "$((${#qfiles[@]} - ${#jfiles[@]}))" ]] ||
					PROBLEMS+=("$tag: QEMU \"$q\", jiffy \"$j\": not QEMU's extra files (${#qfiles[@]} vs ${#jfiles[@]})")
				continue
			fi
			if is_file "$tag" "$q"; then
				name=${tag#file }
				qkey=${q:4:6} jkey=${j:4:6}
				q=${q:11} j=${j:11}
				qb=0 jb=0
				for n in "${qfiles[@]}"; do [[ $n < $name ]] && qb=$((qb + 1)); done
				for n in "${jfiles[@]}"; do [[ $n < $name ]] && jb=$((jb + 1)); done
				((qkey - jkey == qb - jb)) ||
					PROBLEMS+=("$tag: key $qkey under QEMU, $jkey under jiffy: not explained by the files only one side has ($qb and $jb sort before it)")
			fi
			if [[ $side == both ]]; then
				[[ $q != "$j" ]] ||
					PROBLEMS+=("$tag: listed as differing (${LIST_WHY[$tag]}), but both say \"$q\": update the list")
			elif [[ -n $side ]]; then
				PROBLEMS+=("$tag: listed as $side only (${LIST_WHY[$tag]}), but both have it")
			elif [[ $q != "$j" ]]; then
				PROBLEMS+=("$tag: QEMU \"$q\", jiffy \"$j\"")
			fi
		elif [[ -v Q[$tag] ]]; then
			[[ $side == qemu ]] || PROBLEMS+=("$tag: only QEMU has it: \"${Q[$tag]}\"")
		else
			[[ $side == jiffy ]] || PROBLEMS+=("$tag: only jiffy has it: \"${J[$tag]}\"")
		fi
	done < <(printf '%s\n' "${!Q[@]}" "${!J[@]}" | sort -u)
	# A listed one-sided line that neither side printed is stale too.
	for tag in "${!LIST_SIDE[@]}"; do
		side=${LIST_SIDE[$tag]}
		if [[ $side == qemu && ! -v Q[$tag] ]] || [[ $side == jiffy && ! -v J[$tag] ]]; then
			PROBLEMS+=("$tag: listed as $side only (${LIST_WHY[$tag]}), but $side did not print it")
		fi
	done
}

# opt_line FILE: what the probe must print for an item holding FILE
# (after its key): its size, and its jsum samples both ways.
opt_line() {
	local size first last
	read -r size first last < <("$JSUM" "$1") || return 1
	printf 'size %s io %08x %08x dma %08x %08x\n' "$size" "$first" "$last" "$first" "$last"
}

skip_all_without_kvm_or_qemu() {
	local why=
	command -v "$QEMU" >/dev/null || why="$QEMU is not installed (Debian qemu-system-x86)"
	kvm_usable || why=${why:-$KVM_WHY}
	[[ -z $why ]] && return 0
	for c in "$@"; do skip "$c" "$why"; done
	echo "# SKIPPED every case: $why" >&2
	exit 0
}

CASES=(initrd smp2)
NAMES=()
for c in "${CASES[@]}"; do
	NAMES+=("$c: QEMU runs the probe to PASS" "$c: jiffy runs the probe to PASS"
		"$c: opt/ items as their files, by byte I/O and by DMA, on both"
		"$c: jiffy's findings are QEMU's, but for the listed differences")
done
plan $((${#NAMES[@]} + 1))
skip_all_without_kvm_or_qemu "${NAMES[@]}" "QEMU's write cases on etc/vmcoreinfo give QEMU 7.2's results"
guests_setup

head -c 70000 /dev/urandom >"$TMPD/blob"
head -c $((1048576 + 3)) /dev/urandom >"$TMPD/big"
: >"$TMPD/empty"
printf 'x' >"$TMPD/one"
head -c 300001 /dev/urandom >"$TMPD/initrd"
LONG=opt/org.example/a-name-of-exactly-fifty-five-bytes-0123
# name=VALUE of each item, and the file it holds ("" for a string).
ITEMS=("opt/jiffy/blob,file=$TMPD/blob" "opt/jiffy/big,file=$TMPD/big"
	"opt/jiffy/empty,file=$TMPD/empty" "opt/jiffy/one,file=$TMPD/one"
	"opt/jiffy/str,string=hello" "$LONG,file=$TMPD/blob")

# probe CASE: run both sides; outputs in $TMPD/CASE.{qemu,jiffy}.
probe() {
	local c=$1 qargs=() jargs=() item mem=128M smp=1 append=() initrd=()
	case $c in
	initrd)
		initrd=("$TMPD/initrd")
		append=("console=ttyS0 fwprobe a=\"b c\" x.y=1")
		;;
	smp2)
		mem=512M smp=2
		;;
	esac
	for item in "${ITEMS[@]}"; do
		qargs+=(-fw_cfg "name=$item")
		jargs+=(--fw-cfg "name=$item")
	done
	[[ -n ${initrd[*]} ]] && qargs+=(-initrd "${initrd[0]}") && jargs+=(--initrd "${initrd[0]}")
	[[ -n ${append[*]} ]] && qargs+=(-append "${append[0]}") && jargs+=(--append "${append[0]}")
	# -nographic: fw_cfg's NOGRAPHIC is 1, as jiffy says.
	run "$QEMU" -accel tcg -M pc -m "$mem" -smp "$smp" -nographic -nodefaults \
		-no-reboot -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-device vmcoreinfo -kernel "$PROBE" "${qargs[@]}"
	expect "$c: QEMU runs the probe to PASS" 33 "fwprobe: start" "PASS fwprobe done"
	findings >"$TMPD/$c.qemu"
	QOUT=$OUT
	run "$JIFFY" --kernel "$PROBE" --memory "$mem" --cpus "$smp" "${jargs[@]}"
	expect "$c: jiffy runs the probe to PASS" 33 "fwprobe: start" "PASS fwprobe done"
	findings >"$TMPD/$c.jiffy"
}

for c in "${CASES[@]}"; do
	probe "$c"
	problems=()
	for side in qemu jiffy; do
		for f in blob big empty one; do
			want="file opt/jiffy/$f	key 0x[0-9a-f]{4} $(opt_line "$TMPD/$f")"
			grep -qxE -- "$want" "$TMPD/$c.$side" ||
				problems+=("$side: no line matching \"${want/	/: }\"")
		done
		want="file $LONG	key 0x[0-9a-f]{4} $(opt_line "$TMPD/blob")"
		grep -qxE -- "$want" "$TMPD/$c.$side" || problems+=("$side: no line \"${want/	/: }\"")
		grep -qxE -- "file opt/jiffy/str	key 0x[0-9a-f]{4} size 5 io ba324028 ba324028 dma ba324028 ba324028" \
			"$TMPD/$c.$side" || problems+=("$side: opt/jiffy/str is not \"hello\"")
	done
	if ((${#problems[@]})); then
		fail "$c: opt/ items as their files, by byte I/O and by DMA, on both" "${problems[@]}"
	else
		pass "$c: opt/ items as their files, by byte I/O and by DMA, on both"
	fi
	compare "$TMPD/$c.qemu" "$TMPD/$c.jiffy"
	if ((${#PROBLEMS[@]})); then
		fail "$c: jiffy's findings are QEMU's, but for the listed differences" "${PROBLEMS[@]}" \
			"QEMU:" "$(cat "$TMPD/$c.qemu")" "jiffy:" "$(cat "$TMPD/$c.jiffy")"
	else
		pass "$c: jiffy's findings are QEMU's, but for the listed differences"
	fi
	if [[ $c == initrd ]]; then
		missing=()
		for line in "${VMCI_EXPECT[@]}"; do
			grep -qxF -- "$line" <<<"$QOUT" || missing+=("no line \"$line\"")
		done
		if ((${#missing[@]})); then
			fail "QEMU's write cases on etc/vmcoreinfo give QEMU 7.2's results" "${missing[@]}"
		else
			pass "QEMU's write cases on etc/vmcoreinfo give QEMU 7.2's results"
		fi
	fi
done

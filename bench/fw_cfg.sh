#!/usr/bin/env bash
# bench/fw_cfg.sh: fw_cfg throughput: a 256 MiB item by DMA and a 4 MiB item by byte I/O, read by the probe guest under jiffy and under QEMU; MB/s and ratios.
#
# The guest (tests/guests/fwprobe, jt.bench=1) reads each item whole, twice:
# the first time into RAM it never touched ("cold", what firmware loading a
# kernel sees), then into the same pages again ("warm"). It times each
# transfer itself with RDTSC, the TSC rate measured against PIT channel 2
# in the same guest, so jiffy and QEMU are timed by one method that
# isolates the transfer; it prints the first and last 4 KiB sums, which
# are checked against the files. Under jiffy the transfers are also
# bracketed by POST codes, whose --trace timestamps are shown beside.
#
# Contenders: jiffy (the DMA lands page-aligned, as firmware puts a kernel:
# jiffy maps the file's pages), jiffy-copy (1 byte past a page boundary:
# jiffy copies), QEMU 7.2 -M pc under TCG and under KVM (SeaBIOS boots
# the PVH guest through its option ROM; this machine's KVM emulates every
# instruction, so that takes seconds, but the transfers are timed inside).
#
# Targets (issue "fw_cfg ... with the DMA interface"): jiffy DMA >= 2 GB/s,
# above QEMU's, and >= 100x jiffy's own byte I/O.
# Usage: bench/fw_cfg.sh   (RUNS=N WARMUP=N for jiffy and QEMU TCG,
# SLOW_RUNS=N for QEMU under KVM)
RUNS=${RUNS:-7} # before lib.sh, whose defaults suit hyperfine
WARMUP=${WARMUP:-1}
source "$(dirname "$0")/lib.sh"

SLOW_RUNS=${SLOW_RUNS:-3}
DMA_SIZE=$((256 << 20))
IO_SIZE=$((4 << 20))

bench_need jq qemu-system-x86 qemu-system-data seabios
make -s all "$BUILD/guests/fwprobe.elf" "$BUILD/host/tests/tools/jsum" || exit 1
GUEST=$TOP/$BUILD/guests/fwprobe.elf
JSUM=$TOP/$BUILD/host/tests/tools/jsum

bench_start fw_cfg "in-guest RDTSC around each transfer, TSC rate against PIT channel 2; $WARMUP warm-up run(s), then $RUNS runs per contender ($SLOW_RUNS under QEMU with KVM)"
head -c $DMA_SIZE /dev/urandom >"$BENCH_DIR/dma"
head -c $IO_SIZE /dev/urandom >"$BENCH_DIR/io"
# The sums the guest must print for each item: "FIRST LAST", 8 hex digits.
sums() { "$JSUM" "$1" | awk '{ printf "%08x %08x", $2, $3 }'; }
DMA_SUMS=$(sums "$BENCH_DIR/dma")
IO_SUMS=$(sums "$BENCH_DIR/io")

ITEMS=("name=opt/jiffy/bench-dma,file=$BENCH_DIR/dma"
	"name=opt/jiffy/bench-io,file=$BENCH_DIR/io")
APPEND="jt.bench=1 jt.bench-repeat=2"
jiffy_cmd() { # VAR EXTRA-APPEND
	local -n _cmd=$1
	_cmd=("$JIFFY" --trace --memory 512M --kernel "$GUEST"
		--fw-cfg "${ITEMS[0]}" --fw-cfg "${ITEMS[1]}" --append "$APPEND $2")
}
qemu_cmd() { # VAR ACCEL
	local -n _cmd=$1
	_cmd=(qemu-system-x86_64 -M pc -accel "$2" -m 512M -nodefaults
		-no-user-config -nographic -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$GUEST"
		-fw_cfg "${ITEMS[0]}" -fw_cfg "${ITEMS[1]}" -append "$APPEND")
}
jiffy_cmd jiffy ""
jiffy_cmd jiffy_copy "jt.bench-dma-offset=1"
qemu_cmd qemu_tcg tcg
qemu_cmd qemu_kvm kvm

{
	echo "- guest: tests/guests/fwprobe, jt.bench=1: opt/jiffy/bench-dma ($DMA_SIZE bytes) by one DMA READ, opt/jiffy/bench-io ($IO_SIZE bytes) by one select and one rep insb, each twice (cold: pages the guest never touched; warm: the same pages again); 512 MiB of RAM; both files random, in the page cache"
	echo "- jiffy: the DMA lands page-aligned at 16 MiB, where jiffy maps the file's pages into guest RAM (the guest pays a fault when it first touches each; this guest reads two pages of it); jiffy-copy: 1 byte further, where jiffy copies"
	echo "- QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}'), -M pc, SeaBIOS and its PVH option ROM; TCG and KVM"
	echo
} >>"$BENCH_OUT"

# run LABEL COMMAND...: one run; its figures appended to $BENCH_DIR/LABEL:
# "dma-cold dma-warm io-cold io-warm" in MB/s, then the --trace DMA time.
run() {
	local label=$1 out status khz
	shift
	out=$(timeout 300 "$@" 2>&1 </dev/null)
	status=$?
	khz=$(sed -n 's/^bench tsc-khz pit: //p' <<<"$out" | tr -d '\r')
	if [[ $status != 33 || -z $khz || $khz == 0 ]] ||
		! grep -q "^bench dma 0: .* sums $DMA_SUMS\r*$" <<<"$out" ||
		! grep -q "^bench dma 1: .* sums $DMA_SUMS\r*$" <<<"$out" ||
		! grep -q "^bench io 1: .* sums $IO_SUMS\r*$" <<<"$out"; then
		echo "bench: $label failed (status $status) or read wrong bytes:" >&2
		tail -20 <<<"$out" >&2
		return 1
	fi
	awk -v khz="$khz" '
		/^bench (dma|io) [01]: / {
			for (i = 1; i <= NF; i++) {
				if ($i == "size") size = $(i + 1)
				if ($i == "ticks") ticks = $(i + 1)
			}
			v[$2 $3] = size / (ticks / (khz * 1000)) / 1e6
		}
		/post 0x50$/ { if (!t50) t50 = $1 }
		/post 0x51$/ { if (!t51) t51 = $1 }
		END {
			printf "%.1f %.1f %.1f %.1f %s\n", v["dma0:"], v["dma1:"],
				v["io0:"], v["io1:"], t51 ? sprintf("%.3f", t51 - t50) : "-"
		}' <<<"$(tr -d '\r' <<<"$out")" >>"$BENCH_DIR/$label"
	echo "$khz" >>"$BENCH_DIR/$label.khz"
}

# contender LABEL RUNS COMMAND...
contender() {
	local label=$1 runs=$2 i
	shift 2
	echo "$label: $WARMUP warm-up, $runs runs..."
	for ((i = 0; i < WARMUP; i++)); do run "$label-warmup" "$@" || exit 1; done
	for ((i = 0; i < runs; i++)); do run "$label" "$@" || exit 1; done
}

# stat LABEL COLUMN (1-5) WHICH (min|median|max)
stat() {
	cut -d' ' -f"$2" "$BENCH_DIR/$1" | sort -g | awk -v w="$3" '
		{ a[NR] = $1 }
		END {
			if (w == "min") print a[1]
			else if (w == "max") print a[NR]
			else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
		}'
}

contender jiffy "$RUNS" "${jiffy[@]}"
contender jiffy-copy "$RUNS" "${jiffy_copy[@]}"
contender qemu-tcg "$RUNS" "${qemu_tcg[@]}"
contender qemu-kvm "$SLOW_RUNS" "${qemu_kvm[@]}"
LABELS=(jiffy jiffy-copy qemu-tcg qemu-kvm)

echo
{
	echo "MB/s (10^6 bytes per second), median (min - max):"
	echo
	echo "| contender | DMA cold | DMA warm | byte I/O cold | byte I/O warm | TSC kHz (PIT) |"
	echo "|---|---:|---:|---:|---:|---:|"
	for l in "${LABELS[@]}"; do
		printf '| %s |' "$l"
		for c in 1 2 3 4; do
			printf ' %.0f (%.0f - %.0f) |' "$(stat "$l" $c median)" \
				"$(stat "$l" $c min)" "$(stat "$l" $c max)"
		done
		printf ' %s |\n' "$(sort -g "$BENCH_DIR/$l.khz" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
	done
	echo
	echo "jiffy's --trace, POST 0x50 to 0x51 (the cold DMA), median: $(stat jiffy 5 median) ms (jiffy), $(stat jiffy-copy 5 median) ms (jiffy-copy)"
	echo
} | tee -a "$BENCH_OUT"

lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
j_dma=$(stat jiffy 1 median)
j_io=$(stat jiffy 3 median)
{
	echo "| ratio (medians, cold) | value |"
	echo "|---|---:|"
	for l in jiffy jiffy-copy; do
		for q in qemu-tcg qemu-kvm; do
			echo "| $l DMA / $q DMA | $(ratio "$(stat $l 1 median)" "$(stat $q 1 median)") |"
		done
		echo "| $l DMA / $l byte I/O | $(ratio "$(stat $l 1 median)" "$(stat $l 3 median)") |"
	done
	for q in qemu-tcg qemu-kvm; do
		echo "| $q DMA / $q byte I/O | $(ratio "$(stat $q 1 median)" "$(stat $q 3 median)") |"
	done
	echo
} | tee -a "$BENCH_OUT"

best=qemu-tcg
le "$(stat qemu-tcg 1 median)" "$(stat qemu-kvm 1 median)" && best=qemu-kvm
bench_target "jiffy DMA (cold, median) $(printf %.0f "$j_dma") MB/s >= 2000 MB/s" \
	le 2000 "$j_dma"
bench_target "jiffy DMA above QEMU's best ($best, $(stat $best 1 median) MB/s)" \
	lt "$(stat $best 1 median)" "$j_dma"
bench_target "jiffy DMA / jiffy byte I/O = $(ratio "$j_dma" "$j_io")x >= 100x" \
	le 100 "$(ratio "$j_dma" "$j_io")"
echo "results: ${BENCH_OUT#"$TOP/"}"
rm -rf "$BENCH_DIR"

# bench/lib.sh: shared helpers for benchmark scripts (sourced).
#
# Benchmarks are scripts, not tests: they measure, print min/median/max and
# ratios between contenders timed in the same run, and record the results
# with the date, machine and commit in bench/results/.

set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}
JIFFY=${JIFFY:-$TOP/$BUILD/jiffy}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
cd "$TOP" || exit 1

bench_need() {
	"$TOP/scripts/need-packages" "$@" || exit 1
}

# bench_start NAME [METHOD]: where this run's results go,
# bench/results/NAME-DATE.md, headed by the date, machine, commit and
# method (by default hyperfine's, as bench_cmd times).
bench_start() {
	local name=$1
	local method=${2:-"hyperfine, $WARMUP warm-up runs, $RUNS timed runs per command, no shell (-N)"}
	BENCH_NAME=$name
	BENCH_DIR=$(mktemp -d)
	BENCH_CPU0=$(bench_cpu_ticks)
	mkdir -p "$TOP/bench/results"
	BENCH_OUT="$TOP/bench/results/$name-$(date +%Y%m%d-%H%M%S).md"
	{
		echo "# $name"
		echo
		echo "- date: $(date -Iseconds)"
		echo "- machine: $(uname -n), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
		echo "- load average at the start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
		echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
		echo "- commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
		echo "- method: $method"
		echo
	} >"$BENCH_OUT"
}

# "steal total" ticks of /proc/stat's cpu line: time the hypervisor under
# this VM ran something else, and all the time there was.
bench_cpu_ticks() {
	awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print $9, t }' /proc/stat
}

# bench_steal: record how much CPU time the host took from this VM since
# bench_start. Millisecond timings move with it; it says how quiet the
# machine was.
bench_steal() {
	local now
	now=$(bench_cpu_ticks)
	echo "$BENCH_CPU0 $now" | awk '{ d = $4 - $2; printf "- CPU time stolen by the host during the run: %.1f%%\n", d ? 100 * ($3 - $1) / d : 0 }' |
		tee -a "$BENCH_OUT"
}

# bench_cmd LABEL COMMAND...: time a command; its exit status is ignored
# (guests leave through the exit port with odd statuses), but its output is
# checked by the caller beforehand with bench_verify.
bench_cmd() {
	local label=$1
	shift
	bench_hyperfine "$BENCH_DIR/$label.json" "$WARMUP" "$RUNS" \
		"$(printf '%q ' "$@")" || { echo "bench: hyperfine failed for $label" >&2; return 1; }
}

# bench_hyperfine JSON WARMUP RUNS COMMAND_STRING: one hyperfine timing,
# no shell, exit statuses ignored, results in JSON.
bench_hyperfine() {
	hyperfine -N -i --style none -w "$2" -r "$3" --export-json "$1" "$4" \
		>/dev/null 2>&1
}

# Interleaved timing, for contenders whose gap is small against the
# machine's drift: bench_add registers each, bench_rounds ROUNDS then runs
# them in turn, RUNS / ROUNDS each per round (warm-up in the first round,
# one run re-warming later ones), so a slow spell of the shared machine
# falls on every contender alike instead of on whichever was timed then.
# Each label's times are pooled into one result that bench_stat reads.
BENCH_LABELS=()
declare -A BENCH_CMDS
# What bench_start records as the method of a script timed in rounds.
bench_rounds_method() { # ROUNDS [NOTE]
	echo "hyperfine, no shell (-N); each command $RUNS timed runs in $1 interleaved rounds ($WARMUP warm-up runs in the first round, 1 in each later one)${2:+, $2}; medians over all runs"
}
bench_add() { # LABEL COMMAND...
	local label=$1
	shift
	BENCH_LABELS+=("$label")
	BENCH_CMDS[$label]=$(printf '%q ' "$@")
}

bench_rounds() { # ROUNDS
	local rounds=$1 per r l warm
	per=$(((RUNS + rounds - 1) / rounds))
	((per < 2)) && per=2
	for ((r = 1; r <= rounds; r++)); do
		warm=$((r == 1 ? WARMUP : 1))
		for l in "${BENCH_LABELS[@]}"; do
			bench_hyperfine "$BENCH_DIR/$l.$r.json" "$warm" "$per" \
				"${BENCH_CMDS[$l]}" ||
				{ echo "bench: hyperfine failed for $l" >&2; return 1; }
		done
	done
	for l in "${BENCH_LABELS[@]}"; do
		jq -s '[.[].results[0].times[]] | sort | length as $n |
			{ results: [{ times: ., min: .[0], max: .[$n - 1],
			  median: (if $n % 2 == 1 then .[($n - 1) / 2]
				   else (.[$n / 2 - 1] + .[$n / 2]) / 2 end) }] }' \
			"$BENCH_DIR/$l".*.json >"$BENCH_DIR/$l.json" || return 1
	done
}

# Median, min, max in milliseconds for a label.
bench_stat() { # LABEL FIELD(median|min|max)
	jq -r ".results[0].$2 * 1000" "$BENCH_DIR/$1.json"
}

# bench_verify LABEL EXPECTED_STATUS GREP_PATTERN COMMAND...: one run whose
# status and output must match, so a benchmark never times a failing boot.
bench_verify() {
	local label=$1 want=$2 pattern=$3 out status
	shift 3
	out=$(timeout 60 "$@" 2>&1 </dev/null)
	status=$?
	if [[ $status -ne $want ]] || ! grep -q -- "$pattern" <<<"$out"; then
		echo "bench: $label does not work (status $status, want $want; pattern '$pattern'):" >&2
		echo "$out" | tail -20 >&2
		return 1
	fi
}

# bench_table BASELINE LABEL...: a markdown table with ratios to BASELINE.
bench_table() {
	local base=$1 bm
	shift
	bm=$(bench_stat "$base" median)
	{
		echo "| command | median ms | min ms | max ms | median / $base |"
		echo "|---|---:|---:|---:|---:|"
		for l in "$@"; do
			local med min max
			med=$(bench_stat "$l" median)
			min=$(bench_stat "$l" min)
			max=$(bench_stat "$l" max)
			printf '| %s | %.2f | %.2f | %.2f | %.2f |\n' "$l" "$med" "$min" "$max" \
				"$(echo "$med $bm" | awk '{print $1 / $2}')"
		done
	} | tee -a "$BENCH_OUT"
	echo >>"$BENCH_OUT"
}

# bench_target TEXT CONDITION...: print and record whether a target holds.
bench_target() {
	local text=$1 verdict
	shift
	if "$@"; then verdict=met; else verdict="NOT met"; fi
	echo "- target: $text: $verdict" | tee -a "$BENCH_OUT"
}

# le A B: A <= B for decimals.
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

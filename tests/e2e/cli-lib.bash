# tests/e2e/cli-lib.bash: refusal cases for cli.sh and cli-multiboot.sh (sourced after lib.bash).
#
#   add NAME WANT ARGS...   a case: jiffy ARGS must exit with status 2 and
#                           print exactly one line on stderr, containing WANT
#   CASES                   the cases added so far
#   BINARIES                jiffy, and its ASan+UBSan build when built
#   cli_run                 every case with every binary: one TAP result each
# A script plans ${#CASES[@]} * ${#BINARIES[@]} results plus its own.

CASES=()
add() { CASES+=("$(printf '%q ' "$@")"); }

BINARIES=("$JIFFY")
[[ -x $TOP/$BUILD/san/jiffy ]] && BINARIES+=("$TOP/$BUILD/san/jiffy")

cli_run() {
	local bin tag c name want err status lines
	for bin in "${BINARIES[@]}"; do
		tag=${bin#"$TOP/"}
		for c in "${CASES[@]}"; do
			eval "set -- $c"
			name=$1 want=$2
			shift 2
			err=$(timeout 20 "$bin" "$@" 2>&1 >/dev/null </dev/null)
			status=$?
			lines=$(printf '%s\n' "$err" | grep -c .)
			if [[ $status -eq 2 && $lines -eq 1 && $err == *"$want"* ]]; then
				pass "$tag: $name"
			else
				fail "$tag: $name" "args: $*" "status $status (want 2), $lines stderr lines (want 1)" "want substring: $want" "stderr: $err"
			fi
		done
	done
}

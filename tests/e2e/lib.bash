# tests/e2e/lib.bash: TAP helpers sourced by the end-to-end test scripts (not a test: not executable, not *.sh).
#
#   plan N                 print the TAP plan
#   pass NAME              ok
#   fail NAME [WHY...]     not ok, with diagnostics
#   skip NAME WHY          ok # SKIP (counted as skipped, never as passed)
#   kvm_usable             0 if /dev/kvm opens read-write; sets KVM_WHY if not
#   run_capture VAR STATUSVAR CMD...   run CMD, keep its combined output
# Scripts run from the repository root with BUILD, JIFFY and TOP exported by
# tests/run; they default sensibly when run by hand.

: "${TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BUILD:=build}"
: "${JIFFY:=$TOP/$BUILD/jiffy}"
cd "$TOP" || exit 1

_tap_n=0
plan() { echo "1..$1"; }
pass() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1"; }
fail() {
	_tap_n=$((_tap_n + 1))
	echo "not ok $_tap_n - $1"
	shift
	local line l
	for line in "$@"; do
		while IFS= read -r l; do echo "#   $l"; done <<<"$line"
	done
}
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1 # SKIP $2"; }

kvm_usable() {
	KVM_WHY=
	if [[ ! -e /dev/kvm ]]; then
		KVM_WHY="/dev/kvm does not exist"
		return 1
	fi
	if ! { exec 9<>/dev/kvm; } 2>/dev/null; then
		KVM_WHY="/dev/kvm cannot be opened read-write by $(id -un)"
		return 1
	fi
	exec 9>&-
	return 0
}

# run_capture OUTVAR STATUSVAR CMD...: run with a timeout, keep output.
run_capture() {
	local -n _out=$1 _st=$2
	shift 2
	_out=$(timeout --kill-after=5 "${RUN_TIMEOUT:-60}" "$@" 2>&1 </dev/null)
	_st=$?
}

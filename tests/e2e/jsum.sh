#!/usr/bin/env bash
# jsum.sh: build/host/tests/tools/jsum against an independent shell implementation of jsum32.
source "$(dirname "$0")/lib.bash"

JSUM=$BUILD/host/tests/tools/jsum

plan 5

# FNV-1a over little-endian 32-bit words, then the tail bytes
# (include/abi/checksum.h), from od's decimal dump of bytes [$2, $2 + $3).
shell_jsum32() {
	local file=$1 off=$2 len=$3 h=2166136261 b words=$(($3 / 4)) i
	local -a bytes
	read -r -d '' -a bytes < <(od -An -v -tu1 -j "$off" -N "$len" "$file")
	for ((i = 0; i < words * 4; i += 4)); do
		h=$(((h ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 |
			bytes[i + 3] << 24)) * 16777619 & 0xffffffff))
	done
	for ((; i < len; i++)); do
		h=$(((h ^ bytes[i]) * 16777619 & 0xffffffff))
	done
	printf '0x%08x' "$h"
}

# expect_sums NAME FILE: jsum's line equals the shell's.
expect_sums() {
	local size n want got
	size=$(stat -c %s "$2")
	n=$((size < 4096 ? size : 4096))
	want="$size $(shell_jsum32 "$2" 0 "$n") $(shell_jsum32 "$2" $((size - n)) "$n")"
	if got=$("$JSUM" "$2" 2>&1) && [[ $got == "$want" ]]; then
		pass "$1"
	else
		fail "$1" "jsum printed: $got" "expected:     $want"
	fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/empty"
printf 'abcde' >"$tmp/five"
head -c $((3 * 4096 + 5)) /dev/urandom >"$tmp/odd"

expect_sums "jsum of an empty file" "$tmp/empty"
expect_sums "jsum of 5 bytes (one word and a tail byte)" "$tmp/five"
expect_sums "jsum of 12 KiB + 5 bytes (first and last 4 KiB samples)" "$tmp/odd"

if out=$("$JSUM" "$tmp/missing" 2>&1); then
	fail "jsum fails on a missing file" "exit status 0: $out"
elif [[ $out == "jsum: $tmp/missing: No such file or directory" ]]; then
	pass "jsum fails on a missing file, naming it"
else
	fail "jsum fails on a missing file, naming it" "message: $out"
fi

"$JSUM" >/dev/null 2>&1
status=$?
if ((status == 2)); then
	pass "jsum without arguments is a usage error (status 2)"
else
	fail "jsum without arguments is a usage error (status 2)" "status $status"
fi

#!/usr/bin/env bash
# console.sh: COM1 as a console: interrupt-driven output and input, a raw
# interactive terminal (Ctrl-C to the guest, Ctrl-A x), and the terminal
# restored on every way out. Uses the UART guest and tests/tools/ptyrun.
source "$(dirname "$0")/lib.bash"

PTYRUN=$TOP/$BUILD/host/tests/tools/ptyrun
GUEST=$TOP/$BUILD/guests/uart-guest.elf
plan 9

# ptyrun must notice a terminal left in raw mode, or its "restored" means
# nothing.
out=$("$PTYRUN" --timeout 10 -- stty raw 2>&1)
if [[ $out == *"terminal NOT restored"* ]]; then
	pass "ptyrun notices a terminal left in raw mode"
else
	fail "ptyrun notices a terminal left in raw mode" "$out"
fi

# The UART guest under QEMU first: the expected behaviour of a 16550.
want_tx=$(for i in $(seq -w 0 63); do echo "tx line $i: abcdefghijklmnopqrs"; done)
run_capture out st qemu-system-x86_64 -accel tcg -M pc -display none \
	-nodefaults -serial stdio -kernel "$GUEST" -append "jt.uart=tx" \
	-device isa-debug-exit,iobase=0xf4,iosize=4
if [[ $st -eq 33 && $(grep '^tx line' <<<"$out") == "$want_tx" ]]; then
	pass "QEMU: THRE-interrupt output of 2048 bytes arrives intact"
else
	fail "QEMU: THRE-interrupt output of 2048 bytes arrives intact" "status $st" "$out"
fi

if ! kvm_usable; then
	for c in "THRE-interrupt output" "piped input" "interactive echo" \
		"Ctrl-A x" "Ctrl-A, then x" "SIGTERM" "SIGHUP"; do
		skip "jiffy: $c" "$KVM_WHY"
	done
	exit 0
fi

run_capture out st "$JIFFY" --kernel "$GUEST" --append "jt.uart=tx"
if [[ $st -eq 33 && $(grep '^tx line' <<<"$out") == "$want_tx" &&
	$out == *"PASS uart-guest tx: 2048 bytes"* ]]; then
	pass "jiffy: THRE-interrupt output of 2048 bytes arrives intact"
else
	fail "jiffy: THRE-interrupt output of 2048 bytes arrives intact" "status $st" "$out"
fi

out=$(printf 'hi\x03q' | timeout 30 "$JIFFY" --kernel "$GUEST" --append "jt.uart=echo" 2>&1)
st=$?
if [[ $st -eq 33 && $out == *"hi[0x03]PASS uart-guest echo"* ]]; then
	pass "jiffy: piped input reaches the guest through IRQ 4, Ctrl-C included"
else
	fail "jiffy: piped input reaches the guest through IRQ 4, Ctrl-C included" "status $st" "$out"
fi

# check_pty NAME STATUS EXPECTED-OUTPUT PTYRUN-ARGS...
check_pty() {
	local name=$1 want=$2 text=$3 out st
	shift 3
	out=$("$PTYRUN" --timeout 30 "$@" -- "$JIFFY" --kernel "$GUEST" \
		--append "jt.uart=echo" 2>&1)
	st=$?
	if [[ $st -eq $want && $out == *"$text"* &&
		$out == *"ptyrun: terminal restored"* ]]; then
		pass "$name"
	else
		fail "$name" "status $st (want $want), want output: $text" "$out"
	fi
}

check_pty "jiffy in a terminal: raw input, Ctrl-C and Ctrl-A Ctrl-A reach the guest" \
	33 "hi[0x03][0x01]PASS uart-guest echo" --wait "uart-guest: ready" \
	--send 'hi\x03\x01\x01q'
check_pty "jiffy in a terminal: Ctrl-A x quits with status 0, terminal restored" \
	0 "uart-guest: ready" --wait "uart-guest: ready" --send '\x01x'
# As a person types it: Ctrl-A read on its own, x in a later read.
check_pty "jiffy in a terminal: Ctrl-A, then x a moment later, quits too" \
	0 "uart-guest: ready" --wait "uart-guest: ready" --send '\x01' \
	--pause 200 --send 'x'
check_pty "jiffy in a terminal: SIGTERM ends it (143), terminal restored" \
	143 "uart-guest: ready" --wait "uart-guest: ready" --signal TERM
check_pty "jiffy in a terminal: SIGHUP ends it (129), terminal restored" \
	129 "uart-guest: ready" --wait "uart-guest: ready" --signal HUP

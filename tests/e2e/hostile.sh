#!/usr/bin/env bash
# hostile.sh: nothing a guest does crashes jiffy: port and MMIO abuse, bad
# fw_cfg DMA, resets, a triple fault, an unemulatable instruction; and the
# exit port's widths. Run with jiffy and with its ASan+UBSan build.
source "$(dirname "$0")/lib.bash"

GUEST=$TOP/$BUILD/guests/hostile-guest.elf
# make check builds both; a missing one skips its cases loudly.
binaries=("$JIFFY" "$TOP/$BUILD/san/jiffy")

# NAME MODE STATUS STDOUT-PATTERN [STDERR-PATTERN]
cases=(
	"port sweep, string I/O and bad fw_cfg DMA|ports|33|PASS hostile-guest ports|"
	"MMIO of every width in the hole and beyond RAM|mmio|33|PASS hostile-guest mmio|"
	"reset through port 0x92 ends with status 0|port92|0||"
	"a triple fault ends with status 0|triple|0||"
	"an instruction KVM cannot emulate: registers dumped, status 8|fault|8||jiffy: vCPU 0: KVM internal error"
	"exit port, 1-byte write of 7: status 15|exit=7,1|15||"
	"exit port, 2-byte write of 0x1234: status 0x69 (105)|exit=1234,2|105||"
	"exit port, 4-byte write of 0xdeadbeef: status 0xdf (223)|exit=deadbeef,4|223||"
)
plan $((${#cases[@]} * ${#binaries[@]} + 1))
kvm_usable || no_kvm=$KVM_WHY

for bin in "${binaries[@]}"; do
	tag=${bin#"$TOP/"}
	for c in "${cases[@]}"; do
		IFS='|' read -r name mode want out_pat err_pat <<<"$c"
		if [[ -n ${no_kvm:-} || ! -x $bin ]]; then
			skip "$tag: $name" "${no_kvm:-$tag is not built}"
			continue
		fi
		err=$(mktemp)
		out=$(timeout 120 "$bin" --kernel "$GUEST" \
			--append "jt.hostile=$mode" 2>"$err" </dev/null)
		st=$?
		errs=$(cat "$err")
		rm -f "$err"
		if [[ $st -eq $want && ($out == *"$out_pat"* || -z $out_pat) &&
			($errs == *"$err_pat"* || -z $err_pat) &&
			$errs != *"Sanitizer"* && $errs != *"runtime error"* ]]; then
			pass "$tag: $name"
		else
			fail "$tag: $name" "status $st (want $want)" "stdout: $out" "stderr: $errs"
		fi
	done
done

# --debug names each unassigned port once, however often it is used.
if [[ -n ${no_kvm:-} ]]; then
	skip "--debug logs an unassigned port once" "$no_kvm"
	exit 0
fi
errs=$(timeout 120 "$JIFFY" --debug --kernel "$GUEST" --append "jt.hostile=ports" 2>&1 >/dev/null </dev/null)
n=$(grep -c "unassigned port 0x0300:" <<<"$errs")
if [[ $n -eq 1 ]]; then
	pass "--debug logs an unassigned port once ($(grep -c 'unassigned port' <<<"$errs") ports logged)"
else
	fail "--debug logs an unassigned port once" "port 0x300 logged $n times" "$(head -5 <<<"$errs")"
fi

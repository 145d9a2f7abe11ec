# tests/e2e/guests-lib.bash: what guests-qemu.sh and guests-jiffy.sh share (sourced after lib.bash).
#
#   skip_all_without_kvm NAME...
#                             without a usable /dev/kvm, skip every named
#                             case loudly and exit
#   guests_setup              temp dir $TMPD; $INITRD: 1 MiB + 123 random bytes;
#                             $INITRD_KEY: "SIZE,FIRST,LAST" for jt.initrd=,
#                             $INITRD_SIZE, $INITRD_LAST, $INITRD_BAD_LAST
#   jsum_key FILE             print FILE's "SIZE,FIRST,LAST"
#   quick_key FILE            print "SIZE,FIRST,LAST" in lower-case hex without
#                             0x: its size, first and last 32-bit words
#                             (jt.quick-mods=)
#   run CMD...                run CMD (run_capture) into $OUT and $STATUS
#   jiffy ARG...              run jiffy --memory ${MEM_MIB}M ARG...
#   multiboot_modules         two more modules beside $INITRD, of odd sizes
#                             (their last pages partial): $M1 (5000 bytes),
#                             "$M2" (12289 bytes, a comma in its name);
#                             $M1_KEY: $M1's "SIZE,FIRST,LAST"; $MODS:
#                             "jt.mods=3 jt.mod0=... jt.mod1=... jt.mod2=..."
#   expect NAME STATUS LINE...
#                             pass if the last run exited STATUS and printed
#                             every LINE as a whole line; "~REGEX" matches a
#                             line by extended regex instead.

GUESTS=$BUILD/guests
JSUM=$BUILD/host/tests/tools/jsum
MEM_MIB=128
MEM_BYTES=$((MEM_MIB << 20))
# Guest instructions are emulated (about 1 M/s under this KVM): be patient.
: "${RUN_TIMEOUT:=120}"

jsum_key() {
	local size first last
	read -r size first last < <("$JSUM" "$1") || return 1
	echo "$size,$first,$last"
}

skip_all_without_kvm() {
	local c
	kvm_usable && return 0
	for c in "$@"; do
		skip "$c" "$KVM_WHY"
	done
	echo "# SKIPPED every case: $KVM_WHY" >&2
	exit 0
}

quick_key() {
	local size
	size=$(stat -c %s "$1") || return 1
	printf '%x,%s,%s\n' "$size" \
		"$(od -An -tx4 -N4 "$1" | tr -d ' ')" \
		"$(od -An -tx4 -j $((size - 4)) -N4 "$1" | tr -d ' ')"
}

guests_setup() {
	TMPD=$(mktemp -d)
	trap 'rm -rf "$TMPD"' EXIT
	INITRD=$TMPD/initrd
	head -c $((1048576 + 123)) /dev/urandom >"$INITRD"
	INITRD_KEY=$(jsum_key "$INITRD") || {
		echo "Bail out! $JSUM failed on $INITRD"
		exit 1
	}
	IFS=, read -r INITRD_SIZE _ INITRD_LAST <<<"$INITRD_KEY"
	INITRD_BAD_LAST=$(printf '0x%08x' $((INITRD_LAST ^ 0x1)))
}

run() {
	RUN_CMD=$(printf '%q ' "$@")
	run_capture OUT STATUS "$@"
}

jiffy() {
	run "$JIFFY" --memory "${MEM_MIB}M" "$@"
}

multiboot_modules() {
	M1=$TMPD/mod1
	M2="$TMPD/mod,2"
	head -c 5000 /dev/urandom >"$M1"
	head -c $((3 * 4096 + 1)) /dev/urandom >"$M2"
	M1_KEY=$(jsum_key "$M1")
	MODS="jt.mods=3 jt.mod0=$INITRD_KEY jt.mod1=$M1_KEY jt.mod2=$(jsum_key "$M2")"
}

expect() {
	local name=$1 want=$2 line problems=()
	shift 2
	[[ $STATUS == "$want" ]] ||
		problems+=("exit status $STATUS, expected $want$([[ $STATUS == 124 ]] && echo " (timed out after $RUN_TIMEOUT s)")")
	for line in "$@"; do
		if [[ $line == "~"* ]]; then
			grep -qxE -- "${line#"~"}" <<<"$OUT" ||
				problems+=("no line matching /${line#"~"}/")
		else
			grep -qxF -- "$line" <<<"$OUT" ||
				problems+=("no line \"$line\"")
		fi
	done
	if ((${#problems[@]} == 0)); then
		pass "$name"
	else
		fail "$name" "${problems[@]}" "command: $RUN_CMD" "output:" "$OUT"
	fi
}

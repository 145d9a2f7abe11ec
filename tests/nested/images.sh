# images.sh: builds the L2 kernel files and initramfs and the L1 initramfs (sourced after lib.sh).
#
# Output under NESTED_OUT (build/nested), rebuilt on every run (a few
# seconds; the slow part, downloading, is cached):
#   l2/bzImage l2/vmlinux l2/initrd.cpio l2/not-a-kernel.txt
#   l2/bzImage-generic (only when G_VMLINUZ is set)
#   l1/initramfs.cpio

# A cpio (newc) of directory $1 into file $2. Owners are forced to root,
# so no root is needed; no device nodes are packed (inits mount devtmpfs).
nested_cpio() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) >"$2.tmp" &&
		mv "$2.tmp" "$2"
}

# Busybox and a link per applet into root $1.
nested_put_busybox() {
	local root=$1 a
	mkdir -p "$root/bin"
	cp "$BB_BIN" "$root/bin/busybox"
	for a in $("$BB_BIN" --list); do
		[[ $a == busybox ]] || ln -sf busybox "$root/bin/$a"
	done
}

# The L2 files; sets L2_BZIMAGE L2_VMLINUX L2_INITRD L2_TEXT.
nested_build_l2() {
	local out=$NESTED_OUT/l2 root=$NESTED_OUT/l2root
	rm -rf "$root" && mkdir -p "$out" "$root"/{proc,sys,dev} || return
	nested_put_busybox "$root"
	cp "$NESTED_DIR/l2-init" "$root/init" || return
	nested_cpio "$root" "$out/initrd.cpio" ||
		nested_fail "building the L2 initramfs failed" || return

	cp "$K_VMLINUZ" "$out/bzImage" || return
	if [[ ! -s $out/vmlinux || $out/vmlinux -ot $K_VMLINUZ ||
		$out/vmlinux -ot $NESTED_EXTRACT ]]; then
		NESTED_WHY=$("$NESTED_EXTRACT" "$K_VMLINUZ" "$out/vmlinux" 2>&1) ||
			return 1
	fi
	printf 'console=ttyS0\nThis is a text file, not a kernel.\n' \
		>"$out/not-a-kernel.txt"
	L2_BZIMAGE=$out/bzImage L2_VMLINUX=$out/vmlinux
	L2_INITRD=$out/initrd.cpio L2_TEXT=$out/not-a-kernel.txt
	L2_GENERIC=
	if [[ -n ${G_VMLINUZ:-} ]]; then
		cp "$G_VMLINUZ" "$out/bzImage-generic" || return
		L2_GENERIC=$out/bzImage-generic
	fi
}

# Copy $1 and the shared libraries it needs (ldd) into root $2.
nested_put_with_libs() {
	local bin=$1 root=$2 lib
	mkdir -p "$root/bin"
	cp "$bin" "$root/bin/" || return
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib" || return
	done
}

# QEMU's firmware that the harness and the benchmark use (-L dir).
NESTED_QEMU_ROMS="qboot.rom bios-microvm.bin pvh.bin linuxboot_dma.bin \
linuxboot.bin multiboot_dma.bin kvmvapic.bin"

nested_put_qemu() {
	local root=$1 qemu rom
	qemu=$(command -v qemu-system-x86_64) ||
		nested_fail "qemu-system-x86_64 not installed" || return
	nested_put_with_libs "$qemu" "$root" ||
		nested_fail "copying QEMU's libraries failed" || return
	mkdir -p "$root/usr/share/qemu"
	for rom in $NESTED_QEMU_ROMS; do
		[[ -e /usr/share/qemu/$rom ]] &&
			cp -L "/usr/share/qemu/$rom" "$root/usr/share/qemu/"
	done
	return 0
}

# The L1 initramfs: busybox, nested KVM modules, the VMMs of NESTED_VMMS,
# the stopwatch, the L2 files, the runner and plan file $1. Extra files
# can be added with NESTED_L1_EXTRA="SRC:DEST ..." (the benchmark's guests).
nested_build_l1() {
	local plan=$1 root=$NESTED_OUT/l1root m vmm pair
	rm -rf "$root" && mkdir -p "$root"/{proc,sys,dev,tmp,nested,lib/modules} || return
	nested_put_busybox "$root"
	cp "$NESTED_DIR/l1-init" "$root/init"
	cp "$NESTED_DIR/runner.sh" "$root/nested/" || return
	cp "$plan" "$root/nested/plan.sh" || return
	for m in "${K_MODULES[@]}"; do
		if [[ -e $m ]]; then
			cp "$m" "$root/lib/modules/"
		else
			xz -dc "$m.xz" >"$root/lib/modules/$(basename "$m")"
		fi || nested_fail "copying $m failed" || return
	done
	cp "$NESTED_STOPWATCH_BIN" "$root/bin/stopwatch" || return
	for vmm in $NESTED_VMMS; do
		case $vmm in
		jiffy)
			cp "$NESTED_JIFFY_STATIC" "$root/bin/jiffy" ||
				nested_fail "no $NESTED_JIFFY_STATIC (make $BUILD/jiffy-static)" || return
			;;
		qemu) nested_put_qemu "$root" || return ;;
		esac
	done
	cp "$L2_BZIMAGE" "$L2_VMLINUX" "$L2_INITRD" "$L2_TEXT" ${L2_GENERIC:+"$L2_GENERIC"} \
		"$root/nested/" || return
	cp "$NESTED_FIRMWARE" "$root/nested/jiffy-firmware.bin" ||
		nested_fail "no $NESTED_FIRMWARE (make $BUILD/firmware/jiffy-firmware.bin)" || return
	for pair in ${NESTED_L1_EXTRA:-}; do
		cp "${pair%%:*}" "$root/${pair#*:}" || return
	done
	mkdir -p "$NESTED_OUT/l1"
	nested_cpio "$root" "$NESTED_OUT/l1/initramfs.cpio" ||
		nested_fail "building the L1 initramfs failed" || return
	L1_INITRAMFS=$NESTED_OUT/l1/initramfs.cpio
}

NESTED_L1_MEM=${NESTED_L1_MEM:-2048}
# lapic=notscdeadline: under TCG on a loaded host, L1's TSC-deadline timer
# can stop firing, and the whole first-level guest then sleeps forever
# (seen in two of three long benchmark plans, once with QEMU and once with
# jiffy mid-run, the stopwatch's own timeout never expiring; not seen in
# the 42-run plan repeated with this option).
NESTED_L1_APPEND=${NESTED_L1_APPEND:-console=ttyS0 panic=-1 quiet lapic=notscdeadline}

# How long L1 may print nothing before it counts as stalled: the running
# case's own timeout (the stopwatch in L1 ends the case by then) plus this.
NESTED_STALL_S=${NESTED_STALL_S:-90}

# The timeout of the case log $1 shows running (BEGIN without END) in plan
# $2, or 0 between cases.
nested_running_timeout() {
	local last id
	last=$(grep -a '^@@NESTED \(BEGIN\|END\) ' "$1" | tail -n 1 | tr -d '\r')
	[[ $last == "@@NESTED BEGIN "* ]] || { echo 0; return; }
	id=${last#@@NESTED BEGIN }
	grep -o "^nested_run '\\?$id'\\? [0-9]*" "$2" | awk '{ print $3; exit }' |
		grep . || echo 0
}

# One boot of L1 appending to log $1, skipping the plan's first $3 cases
# (nested.skip=, read by l1-init). Returns 125 if L1 stalled: killed after
# printing nothing for longer than the running case could take.
nested_boot_l1() {
	local log=$1 timeout=$2 skip=$3 plan=$4 pid size last=-1 quiet=0 limit
	local -a cmd=(qemu-system-x86_64 -accel tcg -cpu max -smp 1
		-m "$NESTED_L1_MEM" -nodefaults -no-user-config -display none
		-serial stdio -no-reboot -kernel "$K_VMLINUZ"
		-initrd "$L1_INITRAMFS"
		-append "$NESTED_L1_APPEND nested.skip=$skip")
	timeout --kill-after=10 "$timeout" "${cmd[@]}" </dev/null >>"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		size=$(stat -c %s "$log")
		if ((size != last)); then
			last=$size quiet=0
			continue
		fi
		quiet=$((quiet + 5))
		limit=$(($(nested_running_timeout "$log" "$plan") + NESTED_STALL_S))
		if ((quiet > limit)); then
			kill "$pid" 2>/dev/null
			wait "$pid"
			return 125
		fi
	done
	wait "$pid"
}

# Boot the first-level guest with L1_INITRAMFS to run plan $3; its console
# goes to log $1. QEMU TCG with the "max" CPU model offers AMD SVM, so
# L1's kvm-amd works.
#
# Under TCG L1 has been seen to stop dead now and then, idle with its
# timers never firing, mid-case or between cases, whatever the VMM (see
# docs/nested-harness.md). That is the emulator, not a result: a stalled
# L1 is killed and a fresh one resumes the plan at the case it was in,
# once per case; a case that stalls twice is left without a result, which
# reports it failed. Each stall is logged as "@@NESTED L1-STALL".
nested_run_l1() {
	local log=$1 timeout=$2 plan=${3:-/dev/null} done_n retried=-1 status tail_pid=
	: >"$log"
	if [[ ${NESTED_VERBOSE:-} == 1 ]]; then
		tail -f "$log" >&2 &
		tail_pid=$!
	fi
	while :; do
		done_n=$(grep -ac '^@@NESTED END ' "$log")
		nested_boot_l1 "$log" "$timeout" "$done_n" "$plan"
		status=$?
		((status == 125)) || break
		done_n=$(grep -ac '^@@NESTED END ' "$log")
		echo "@@NESTED L1-STALL after $done_n cases, silent too long" >>"$log"
		if ((done_n == retried)); then
			status=124
			break
		fi
		retried=$done_n
	done
	[[ -n $tail_pid ]] && kill "$tail_pid" 2>/dev/null
	return "$status"
}

# cases.sh: the Linux cases the nested harness runs with each VMM, and how each is judged.
#
# One line per case:
#   nested_case ID KERNEL CPUS MEMORY TIMEOUT_S "EXTRA KERNEL ARGS" "WHAT"
# KERNEL is a kind of file (report.sh, nested_kernel_path): bzimage, pvh
# (the vmlinux unpacked from the same bzImage), text (not a kernel), or
# generic-bzimage (Debian's generic kernel, which reads MP tables).
# The guest always gets the initrd built from l2-init and the command line
# NESTED_L2_APPEND plus the extra arguments, in which @TOKEN@ becomes a
# fresh random word. check_ID (dashes as underscores) judges the run from
# C_OUT (guest serial), C_ERR (VMM stderr), C_STATUS, C_MARKER_MS, C_EXIT_MS,
# C_TOKEN, C_KERNEL; it returns non-zero with the reason in NESTED_WHY.
# fw-bzimage and fw-pvh are those kernels booted through jiffy's firmware
# (jiffy --firmware; the QEMU control takes it as -bios instead of qboot).
# To add a case: a line here, a check, and a new KERNEL kind in each
# adapter.

nested_case bzimage bzimage 1 512M 120 "" \
	"bzImage + initrd, 1 vCPU: boots to user space"
nested_case pvh pvh 1 512M 120 "" \
	"PVH vmlinux + initrd, 1 vCPU: boots to user space"
nested_case pvh-smp4 pvh 4 1G 180 "" \
	"PVH vmlinux + initrd, 4 vCPUs, 1 GiB: the guest sees 4 CPUs and 1 GiB"
# The cloud kernel reads no MP table: these CPUs come from the ACPI MADT.
nested_case pvh-smp8 pvh 8 1G 240 "" \
	"PVH vmlinux + initrd, 8 vCPUs: the guest sees 8 CPUs"
nested_case bzimage-smp8 bzimage 8 1G 240 "" \
	"bzImage + initrd, 8 vCPUs: the guest sees 8 CPUs"
nested_case cmdline bzimage 1 512M 120 "-- echo @TOKEN@" \
	"the command line reaches init (a random marker echoed back)"
nested_case reboot-kbd bzimage 1 512M 120 "reboot=k" \
	"guest reboot by the keyboard controller ends the VMM with status 0"
nested_case reboot-triple pvh 1 512M 120 "reboot=t" \
	"guest reboot by triple fault ends the VMM with status 0"
nested_case poweroff bzimage 1 512M 120 "-- poweroff -f" \
	"guest power-off (ACPI S5) ends the VMM with status 0"
nested_case bad-kernel text 1 512M 30 "" \
	"a text file as the kernel is refused with a one-line error"
# The cloud kernel has no CONFIG_X86_MPPARSE: only a kernel that reads MP
# tables, with ACPI off, shows the MP table at work.
nested_case mptable-smp4 generic-bzimage 4 1G 180 "acpi=off -- cat /proc/interrupts" \
	"MP table without ACPI (generic kernel, acpi=off): 4 CPUs, ISA IRQ 4 via IO-APIC pin 4"
# Through firmware: the command line must get through it too, and the
# ACPI tables: 2 vCPUs, which the cloud kernel learns from the MADT only.
nested_case fw-bzimage fw-bzimage 2 512M 150 "-- echo @TOKEN@" \
	"bzImage + initrd through jiffy's firmware (32-bit entry): user space, the command line, 2 CPUs from ACPI"
nested_case fw-pvh fw-pvh 2 512M 150 "-- echo @TOKEN@" \
	"PVH vmlinux + initrd through jiffy's firmware: user space, the command line, 2 CPUs from ACPI"

# The guest's "NESTED-L2-UP ..." line in C_UP, or fail; also fail if the
# guest's kernel complained about the ACPI tables (l2-init prints what
# ACPICA logged as NESTED-L2-ACPI lines).
l2_up() {
	local acpi
	C_UP=$(grep -m 1 '^NESTED-L2-UP ' <<<"$C_OUT") || {
		if ((C_STATUS == 124)); then
			nested_fail "no user-space marker: timed out after ${C_EXIT_MS%.*} ms"
		else
			nested_fail "no user-space marker; the VMM exited with status $C_STATUS"
		fi
		return
	}
	acpi=$(sed -n 's/^NESTED-L2-ACPI //p' <<<"$C_OUT")
	[[ -z $acpi ]] ||
		nested_fail "the guest kernel logged ACPI problems: $acpi"
}

# A field of the marker line: l2_field cpus
l2_field() {
	sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$C_UP"
}

expect_cpus() {
	local cpus
	cpus=$(l2_field cpus)
	[[ $cpus == "$1" ]] ||
		nested_fail "the guest has $cpus online CPUs ($(l2_field online)), expected $1"
}

# Every boot ends in the guest's reboot, which must end the VMM (status 0):
# with its default reboot method too (on a hardware-reduced ACPI machine
# Linux jumps to the BIOS reset vector, where jiffy resets through the ACPI
# reset register).
expect_reboot_exit() {
	l2_up || return
	grep -qx 'NESTED-L2-REBOOT' <<<"$C_OUT" ||
		nested_fail "init never reached its reboot" || return
	((C_STATUS == 0)) ||
		nested_fail "after the guest's reboot the VMM exited with status $C_STATUS, expected 0"
}

check_bzimage() { l2_up && expect_cpus 1 && expect_reboot_exit; }
check_pvh() { l2_up && expect_cpus 1 && expect_reboot_exit; }

check_pvh_smp4() {
	local kb
	l2_up && expect_cpus 4 || return
	# MemTotal is RAM less what the kernel keeps: between 768 MiB and 1 GiB.
	kb=$(l2_field mem_kb)
	((kb > 768 * 1024 && kb <= 1024 * 1024)) ||
		nested_fail "the guest has MemTotal ${kb:-?} kB, expected 1 GiB of RAM" ||
		return
	expect_reboot_exit
}
check_pvh_smp8() { l2_up && expect_cpus 8 && expect_reboot_exit; }
check_bzimage_smp8() { l2_up && expect_cpus 8 && expect_reboot_exit; }

check_cmdline() {
	l2_up || return
	grep -qx -- "$C_TOKEN" <<<"$C_OUT" ||
		nested_fail "init did not echo the command line's marker '$C_TOKEN'" || return
	grep -qx 'NESTED-L2-CMD rc=0' <<<"$C_OUT" ||
		nested_fail "the command from the command line did not succeed" ||
		return
	expect_reboot_exit
}

check_reboot_kbd() { expect_reboot_exit; }
check_reboot_triple() { expect_reboot_exit; }

# poweroff -f does not return: init never prints its command's status nor
# reaches its reboot, and the VMM ends with status 0.
check_poweroff() {
	l2_up || return
	! grep -q '^NESTED-L2-CMD ' <<<"$C_OUT" ||
		nested_fail "poweroff -f returned ($(grep -m 1 '^NESTED-L2-CMD ' <<<"$C_OUT")): the guest could not power off" ||
		return
	! grep -qx 'NESTED-L2-REBOOT' <<<"$C_OUT" ||
		nested_fail "the guest rebooted instead of powering off" || return
	((C_STATUS == 0)) ||
		nested_fail "after the guest's power-off the VMM exited with status $C_STATUS, expected 0"
}

# The guest prints /proc/interrupts: ttyS0's ISA IRQ 4 must arrive through
# IO-APIC pin 4 (the MP table's routing), and must have fired.
check_mptable_smp4() {
	local line count
	l2_up && expect_cpus 4 && expect_reboot_exit || return
	line=$(grep -m 1 -E 'IO-APIC +4-edge +ttyS0' <<<"$C_OUT") ||
		nested_fail "ttyS0 (ISA IRQ 4) is not delivered through IO-APIC pin 4: $(grep ttyS0 <<<"$C_OUT")" ||
		return
	count=$(awk '{ for (i = 2; $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' <<<"$line")
	((count > 0)) ||
		nested_fail "IRQ 4 is routed through the IO-APIC but never fired: $line"
}

# Booted through jiffy's firmware. Under QEMU (-M pc) the firmware runs
# QEMU's ACPI table loader: the kernel must find the tables it placed, and
# ACPI must work (the chipset's PM block programmed before QEMU built them).
# Under jiffy the firmware hands over the RSDP of the tables jiffy put at
# 0xe0000; a kernel that found none would see one CPU, and log ACPICA's
# "A valid RSDP was not found", which l2_up fails on.
check_fw() {
	local bad
	check_cmdline && expect_cpus 2 || return
	[[ $C_VMM == qemu ]] || return 0
	bad=$(grep -m 1 -E 'A valid RSDP was not found|Unable to enable ACPI|has zero address' <<<"$C_OUT") ||
		return 0
	nested_fail "ACPI through the firmware's tables: $bad"
}
check_fw_bzimage() { check_fw; }
check_fw_pvh() { check_fw; }

check_bad_kernel() {
	local lines
	"vmm_${C_VMM//-/_}_refusal" "$C_KERNEL"
	((C_STATUS == REFUSE_STATUS)) ||
		nested_fail "status $C_STATUS, expected $REFUSE_STATUS" || return
	lines=$(grep -c . <<<"$C_ERR")
	((lines == 1)) ||
		nested_fail "expected one line on stderr, got $lines" || return
	grep -qF -- "$REFUSE_TEXT" <<<"$C_ERR" ||
		nested_fail "the error does not mention '$REFUSE_TEXT'" || return
	[[ -z ${C_OUT//[$'\n']/} ]] ||
		nested_fail "the VMM wrote guest output for a file that is no kernel"
}

# vmm/qemu.sh: QEMU as the L2 VMM: the harness's control group and the benchmark's peers.
#
# "qemu" (-M pc with qboot, which has the i8042 reset that jiffy also
# offers) runs every case beside jiffy: when a jiffy case fails and the
# qemu case passes, the harness, L1 and the kernel are known good. The
# benchmark also uses "qemu-microvm". Interface: see vmm/jiffy.sh.

vmm_qemu_common() {
	VMM_ARGV=("$P_QEMU" -L "$P_QEMU_DATA" -accel kvm -cpu host
		-nodefaults -no-user-config -display none -serial stdio
		-no-reboot -smp "$4" -m "$5" -kernel "$2" -initrd "$3"
		-append "$6")
}

# fw-* kinds: jiffy's firmware as -bios, with QEMU's ACPI tables.
vmm_qemu_argv() {
	vmm_qemu_common "$@"
	if [[ $1 == fw-* ]]; then
		VMM_ARGV+=(-M pc -bios "$P_FIRMWARE")
	else
		VMM_ARGV+=(-M pc -bios "$P_QEMU_DATA/qboot.rom")
	fi
}

vmm_qemu_microvm_argv() {
	vmm_qemu_common "$@"
	VMM_ARGV+=(-M microvm)
}

# QEMU 7.2 with -initrd refuses a text file as "qemu: linux kernel too old
# to load a ram disk" (without the file name), status 1.
vmm_qemu_refusal() {
	REFUSE_STATUS=1
	REFUSE_TEXT="linux kernel too old to load a ram disk"
}
vmm_qemu_microvm_refusal() { vmm_qemu_refusal "$@"; }

NESTED_VMM_LABELS[qemu]="qemu (control)"
NESTED_VMM_LABELS[qemu-microvm]="qemu microvm (control)"

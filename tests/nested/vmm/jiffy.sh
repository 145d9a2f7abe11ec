# vmm/jiffy.sh: how the nested cases start jiffy, the VMM under test.
#
# Adapter interface (every vmm/*.sh provides it for its VMM name NAME):
#   vmm_NAME_argv KIND KERNEL INITRD CPUS MEMORY APPEND
#       set VMM_ARGV to the command line booting KERNEL (of kind KIND, see
#       cases.sh); P_* name the files where the command will run
#   vmm_NAME_refusal KERNEL
#       set REFUSE_STATUS and REFUSE_TEXT: how the VMM refuses a file that
#       is not a kernel (its status, and a string its one-line error holds)
# and a line in NESTED_VMM_LABELS.

vmm_jiffy_argv() {
	VMM_ARGV=("$P_JIFFY" --kernel "$2" --initrd "$3" --cpus "$4"
		--memory "$5" --append "$6")
	[[ $1 == fw-* ]] && VMM_ARGV+=(--firmware)
	return 0
}

# jiffy's contract: status 2 and an error naming the file.
vmm_jiffy_refusal() {
	REFUSE_STATUS=2
	REFUSE_TEXT=$1
}

NESTED_VMM_LABELS[jiffy]="jiffy"

# tests/tools/build.mk: small host programs the test scripts use.
#
# jsum: the initrd sample sums (include/abi/checksum.h) for jt.initrd=.
# ptyrun: runs a command on a pseudo-terminal with scripted keystrokes.
# acpi-dump: jiffy's ACPI tables as files, for iasl (tests/e2e/acpi-iasl.sh),
#   and as fw_cfg files with their table-loader script (bench/fw-insns.sh).

TEST_TOOLS := $(BUILD)/host/tests/tools/jsum $(BUILD)/host/tests/tools/ptyrun \
	      $(BUILD)/host/tests/tools/acpi-dump

$(BUILD)/host/tests/tools/%: $(BUILD)/host/tests/tools/%.o
	$(Q)$(CC) $(HOST_CFLAGS) $^ -o $@ $(HOST_LDLIBS) -lutil

$(BUILD)/host/tests/tools/acpi-dump: $(BUILD)/host/libjiffy.a
TEST_PKGS += acpica-tools # iasl

CHECK_TARGETS += $(TEST_TOOLS)

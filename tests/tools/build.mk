# tests/tools/build.mk: small host programs the test scripts use.
#
# jsum: the initrd sample sums (include/abi/checksum.h) for jt.initrd=.

TEST_TOOLS := $(BUILD)/host/tests/tools/jsum

$(BUILD)/host/tests/tools/%: $(BUILD)/host/tests/tools/%.o
	$(Q)$(CC) $(HOST_CFLAGS) $^ -o $@ $(HOST_LDLIBS)

CHECK_TARGETS += $(TEST_TOOLS)

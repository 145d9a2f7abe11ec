# tests/fw_cfg/build.mk: the fw_cfg differential test against QEMU, and the
# freestanding build of the fw_cfg client (checked by `make check`).

TEST_PKGS += qemu-system-x86 qemu-system-arm

FW_CFG_DIFF_SRCS := $(addprefix tests/fw_cfg/,diff_main.c diff_checks.c \
		      diff_edges.c diff_util.c qtest.c devtarget.c)
FW_CFG_DIFF_OBJS := $(FW_CFG_DIFF_SRCS:%.c=$(BUILD)/host/%.o)

$(BUILD)/host/tests/fw_cfg/qemu_diff: $(FW_CFG_DIFF_OBJS) $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) $^ -o $@ $(HOST_LDLIBS)

CHECK_TARGETS += $(BUILD)/host/tests/fw_cfg/qemu_diff \
		 $(FW_CFG_CLIENT32_OBJS) $(FW_CFG_CLIENT64_OBJS)

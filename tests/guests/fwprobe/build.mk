# tests/guests/fwprobe/build.mk: the fw_cfg probe guest (included by tests/guests/build.mk).
#
# Reads every fw_cfg item by byte I/O and by DMA, tries the
# corner cases, and (jt.bench=1) times whole-item transfers. A PVH guest
# on the fw_cfg client library; tests/e2e/fwprobe.sh, bench/fw_cfg.sh.
FWPROBE_OBJS := $(addprefix $(BUILD)/g32/tests/guests/fwprobe/, \
		  fwprobe_main.o fwprobe_items.o fwprobe_edges.o \
		  fwprobe_bench.o fwprobe_util.o)

$(BUILD)/guests/fwprobe.elf: $(FWPROBE_OBJS) $(FW_CFG_CLIENT32_OBJS) \
		$(JT32_OBJS) $(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

GUEST_IMAGES += $(BUILD)/guests/fwprobe.elf

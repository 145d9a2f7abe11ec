# demo/build.mk: the demo guest jiffy boots without --kernel, built into jiffy.
#
# build/demo/demo.elf is a PVH guest on lib/rt; jiffy embeds a stripped
# copy through demo_blob.S (.incbin) and links it via VMM_EMBED_OBJS.

DEMO_OBJS := $(BUILD)/g32/demo/demo.o

$(BUILD)/demo/demo.elf: $(DEMO_OBJS) $(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

# What jiffy carries: the same ELF without symbols and debug information.
$(BUILD)/demo/demo-embed.elf: $(BUILD)/demo/demo.elf
	$(Q)objcopy --strip-all $< $@

# -MMD does not see .incbin: name the file, so the blob follows the guest.
$(BUILD)/host/demo/demo_blob.o: $(BUILD)/demo/demo-embed.elf
$(BUILD)/host/demo/demo_blob.o: \
	HOST_CFLAGS += -DDEMO_ELF='"$(BUILD)/demo/demo-embed.elf"'

VMM_EMBED_OBJS += $(BUILD)/host/demo/demo_blob.o
CHECK_TARGETS += $(BUILD)/demo/demo.elf

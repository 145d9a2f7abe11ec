# tests/guests/multiboot/build.mk: the multiboot test guests (included by tests/guests/build.mk).
#
# One guest, two shapes, the same code: 64-bit C behind a 32-bit entry
# that enters long mode itself. Linked as x86-64 at 1 MiB (mb.lds), then
#   multiboot-guest.elf       objcopy'd to ELF32: QEMU refuses ELF64
#                             multiboot kernels; loaded by its program
#                             headers
#   multiboot-aout-guest.bin  a flat binary whose header (assembled with
#                             MB_AOUT) carries the a.out kludge addresses
MB_DIR      := tests/guests/multiboot
MB_COMMON   := $(addprefix $(BUILD)/g64/$(MB_DIR)/, mb_entry.o mb_guest.o \
		 mb_smp.o mb_fw_cfg.o) $(JT64_OBJS) $(RT64_OBJS)

$(BUILD)/g64/$(MB_DIR)/%.o: GUEST64_CFLAGS += -I$(MB_DIR)

$(BUILD)/g64/$(MB_DIR)/mb_header_aout.o: $(MB_DIR)/mb_header.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST64_CFLAGS) -D__ASSEMBLY__ -DMB_AOUT -c $< -o $@

# MB_LINK: the 64-bit link of $(filter %.o,$^) through mb.lds.
define MB_LINK
@mkdir -p $(@D)
$(Q)$(CC) -m64 $(GUEST_LDFLAGS) -Wl,-T,$(MB_DIR)/mb.lds $(filter %.o,$^) -o $@
endef

$(BUILD)/guests/multiboot-guest64.elf: $(BUILD)/g64/$(MB_DIR)/mb_header.o \
		$(MB_COMMON) $(MB_DIR)/mb.lds
	$(MB_LINK)

$(BUILD)/guests/multiboot-aout-guest64.elf: \
		$(BUILD)/g64/$(MB_DIR)/mb_header_aout.o $(MB_COMMON) \
		$(MB_DIR)/mb.lds
	$(MB_LINK)

$(BUILD)/guests/multiboot-guest.elf: $(BUILD)/guests/multiboot-guest64.elf
	$(Q)objcopy -O elf32-i386 $< $@

$(BUILD)/guests/multiboot-aout-guest.bin: \
		$(BUILD)/guests/multiboot-aout-guest64.elf
	$(Q)objcopy -O binary $< $@

GUEST_IMAGES += $(BUILD)/guests/multiboot-guest.elf \
		$(BUILD)/guests/multiboot-aout-guest.bin

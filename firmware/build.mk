# firmware/build.mk: jiffy firmware, a 64 KiB flat ROM image, and its copy built into jiffy.
#
# Freestanding 32-bit code with its own flags (FW_CFLAGS): -O3 and LTO for
# the fewest instructions executed (-O3 beats -O2 by a tenth here), since
# each one counts where guest code is emulated; no alignment padding (the
# multi-byte NOPs before a loop run too); unused functions dropped.
# It links the few lib/ objects it needs, built
# again with these flags under $(BUILD)/fw/: the fw_cfg client, the
# runtime (string, printf, COM1), and lib/boot's memory map and
# boot-structure builders.
#
#   $(BUILD)/firmware/jiffy-firmware.elf   with symbols (instruction counts)
#   $(BUILD)/firmware/jiffy-firmware.bin   the ROM: exactly 64 KiB

FW_ALIGN := -falign-functions=1 -falign-jumps=1 -falign-loops=1 \
	    -falign-labels=1
FW_CFLAGS := $(filter-out -Os,$(GUEST32_CFLAGS)) -O3 -flto $(FW_ALIGN) \
	     -ffunction-sections -fdata-sections -Ifirmware
FW_SRCS := $(sort $(wildcard firmware/*.c)) \
	   lib/rt/string.c lib/rt/fmt.c lib/rt/console.c lib/rt/divdi3.c \
	   lib/fw_cfg/client.c lib/fw_cfg/client_pio_guest.c \
	   lib/boot/e820.c lib/boot/boot_error.c lib/boot/bzimage.c \
	   lib/boot/pvh_start_info.c lib/boot/multiboot_info.c
FW_OBJS := $(BUILD)/fw/firmware/reset.o $(FW_SRCS:%.c=$(BUILD)/fw/%.o)
FW_ELF := $(BUILD)/firmware/jiffy-firmware.elf
FW_BIN := $(BUILD)/firmware/jiffy-firmware.bin
FW_SIZE := 65536

$(BUILD)/fw/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(FW_CFLAGS) -c $< -o $@

$(BUILD)/fw/%.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(FW_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(FW_ELF): $(FW_OBJS) firmware/firmware.lds
	@mkdir -p $(@D)
	$(Q)$(CC) -m32 -O3 -flto $(FW_ALIGN) $(GUEST_LDFLAGS) -Wl,--gc-sections \
		-Wl,-T,firmware/firmware.lds $(filter %.o,$^) -o $@

# A flat image from 0xffff0000 to 4 GiB; anything but 64 KiB is a bug.
$(FW_BIN): $(FW_ELF)
	$(Q)objcopy -O binary --gap-fill 0xff $< $@
	$(Q)test "$$(stat -c %s $@)" -eq $(FW_SIZE) || \
		{ echo "$@: $$(stat -c %s $@) bytes, not $(FW_SIZE)" >&2; \
		  rm -f $@; exit 1; }

firmware: $(FW_BIN)
.PHONY: firmware

CHECK_TARGETS += $(FW_BIN)

# What jiffy carries (--firmware): the ROM through blob.S (.incbin, which
# -MMD does not see: name the file).
$(BUILD)/host/firmware/blob.o: $(FW_BIN)
$(BUILD)/host/firmware/blob.o: HOST_CFLAGS += -DFW_BIN='"$(FW_BIN)"'
VMM_EMBED_OBJS += $(BUILD)/host/firmware/blob.o

# The same C built for the host (FW_HOSTED: guest RAM is a buffer, fw_cfg
# jiffy's device model) for the unit tests tests/unit/test_firmware*.c,
# and test_acpi_loader.c, whose tables the firmware's loader places.
FW_HOSTED_SRCS := $(sort $(wildcard firmware/*.c))
FW_HOSTED_HOST := $(FW_HOSTED_SRCS:%.c=$(BUILD)/host/%.o)
FW_HOSTED_SAN := $(FW_HOSTED_SRCS:%.c=$(BUILD)/san/%.o)
FW_TESTS := $(basename $(notdir $(wildcard tests/unit/test_firmware*.c))) \
	    test_acpi_loader
$(FW_HOSTED_HOST) $(FW_TESTS:%=$(BUILD)/host/tests/unit/%.o): \
	HOST_CFLAGS += -DFW_HOSTED -Ifirmware
$(FW_HOSTED_SAN) $(FW_TESTS:%=$(BUILD)/san/tests/unit/%.o): \
	SAN_CFLAGS += -DFW_HOSTED -Ifirmware
$(FW_TESTS:%=$(BUILD)/host/tests/unit/%): $(FW_HOSTED_HOST)
$(FW_TESTS:%=$(BUILD)/san/tests/unit/%): $(FW_HOSTED_SAN)

# tests/e2e/firmware-{qemu,jiffy}.sh: QEMU to run it as -bios, qboot.rom.
TEST_PKGS += qemu-system-x86 qemu-system-data

# tests/guests/build.mk: freestanding test guests (PVH, bzImage) and their shared support.
#
# tests/guests/common/ (jt_*: arguments, PASS/FAIL, initrd and memory-map
# checks) builds for 32- and 64-bit guests; tests/guests/README.md says what
# each guest checks.

# The e2e scripts run the guests under QEMU too (SeaBIOS for -M pc).
TEST_PKGS += qemu-system-x86 qemu-system-data seabios

JT_SRCS   := $(sort $(wildcard tests/guests/common/*.c))
JT32_OBJS := $(JT_SRCS:%.c=$(BUILD)/g32/%.o)
JT64_OBJS := $(JT_SRCS:%.c=$(BUILD)/g64/%.o)

$(BUILD)/g32/tests/guests/%.o: GUEST32_CFLAGS += -Itests/guests/common
$(BUILD)/g64/tests/guests/%.o: GUEST64_CFLAGS += -Itests/guests/common

# PVH guest: its own entry stub (it checks the CPU state as handed over).
PVH_GUEST_OBJS := $(addprefix $(BUILD)/g32/tests/guests/pvh/, \
		    pvh_entry.o pvh_guest.o)

$(BUILD)/guests/pvh-guest.elf: GUEST_LDFLAGS += -Wl,-e,pvh_guest_start
$(BUILD)/guests/pvh-guest.elf: $(PVH_GUEST_OBJS) $(JT32_OBJS) $(RT32_OBJS)
	$(GUEST32_LINK)

GUEST_IMAGES := $(BUILD)/guests/pvh-guest.elf

# bzImage guest: a Linux boot-protocol image whose protected-mode part runs
# at any load address. Its code (and the runtime and common code it links)
# is built position-independent into $(BUILD)/g64pie; bzimage.lds computes
# the header fields. The build links it at two bases and requires the same
# bytes: proof that nothing depends on where it is loaded.
BZ_DIR     := tests/guests/bzimage
BZ_SRCS    := $(addprefix $(BZ_DIR)/, bz_header.S bz_head.S bz_guest.c \
		bz_paging.c bz_idt.c) $(JT_SRCS) $(RT_SRCS)
BZ_OBJS    := $(patsubst %,$(BUILD)/g64pie/%.o,$(basename $(BZ_SRCS)))
BZ_CFLAGS   = $(GUEST64_CFLAGS) -fpie -Itests/guests/common -I$(BZ_DIR)

$(BUILD)/g64pie/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(BZ_CFLAGS) -include $(BZ_DIR)/hidden.h -c $< -o $@

$(BUILD)/g64pie/%.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(BZ_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(BUILD)/guests/bzimage-guest.elf: BZ_LINK_BASE := 0x100000
$(BUILD)/guests/bzimage-guest-pi.elf: BZ_LINK_BASE := 0x7e00000
$(BUILD)/guests/bzimage-guest.elf $(BUILD)/guests/bzimage-guest-pi.elf: \
		$(BZ_OBJS) $(BZ_DIR)/bzimage.lds
	@mkdir -p $(@D)
	$(Q)$(CC) -m64 $(GUEST_LDFLAGS) -Wl,-T,$(BZ_DIR)/bzimage.lds \
		-Wl,--defsym=BZ_LINK_BASE=$(BZ_LINK_BASE) $(BZ_OBJS) -o $@

$(BUILD)/guests/bzimage-guest.bin: $(BUILD)/guests/bzimage-guest.elf \
		$(BUILD)/guests/bzimage-guest-pi.elf
	$(Q)objcopy -O binary $< $@.tmp
	$(Q)objcopy -O binary $(word 2,$^) $@.pi
	$(Q)cmp -s $@.tmp $@.pi || { echo "$@: the image changes with" \
		"its link address: not position-independent" >&2; \
		rm -f $@.tmp $@.pi; exit 1; }
	$(Q)rm -f $@.pi && mv $@.tmp $@

GUEST_IMAGES += $(BUILD)/guests/bzimage-guest.bin

# bzImage loader: a PVH guest that starts the bzImage guest (module 0)
# through its 32- or 64-bit entry, so both run under QEMU too.
BZLOAD_OBJS := $(addprefix $(BUILD)/g32/tests/guests/bzload/, \
		 bzload.o bzload_enter.o)

$(BUILD)/guests/bzimage-loader.elf: $(BZLOAD_OBJS) $(JT32_OBJS) \
		$(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

GUEST_IMAGES += $(BUILD)/guests/bzimage-loader.elf

# UART guest: COM1 through interrupts (echo of input, THRE-driven output).
UART_GUEST_OBJS := $(addprefix $(BUILD)/g32/tests/guests/uart/, \
		     uart_guest.o uart_irq.o)

$(BUILD)/guests/uart-guest.elf: $(UART_GUEST_OBJS) $(JT32_OBJS) \
		$(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

GUEST_IMAGES += $(BUILD)/guests/uart-guest.elf

include tests/guests/multiboot/build.mk
include tests/guests/fwprobe/build.mk
include tests/guests/acpi/build.mk

# The 64-bit build of the common code is built even where no guest links
# it, so it stays valid.
CHECK_TARGETS += $(GUEST_IMAGES) $(JT64_OBJS)

# Hostile guest: abuses ports, MMIO, fw_cfg DMA; faults on purpose.
HOSTILE_OBJS := $(addprefix $(BUILD)/g32/tests/guests/hostile/, \
		  hostile.o hostile_fault.o)

$(BUILD)/guests/hostile-guest.elf: $(HOSTILE_OBJS) $(JT32_OBJS) \
		$(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

CHECK_TARGETS += $(BUILD)/guests/hostile-guest.elf

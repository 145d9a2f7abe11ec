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

# The 64-bit build of the common code is not linked into a guest yet (the
# bzImage guest builds it position-independent); build it so it stays valid.
CHECK_TARGETS += $(GUEST_IMAGES) $(JT64_OBJS)

# lib/build.mk: the pure libraries (parsers, device models) as one archive.
#
# lib/ holds code that never exits, prints, or touches KVM, so it can be
# unit-tested, fuzzed, and (for the parts firmware needs) built freestanding.
# lib/rt/ is the freestanding runtime for guest code; only its formatter is
# also built for the host (tested there). Files named *_guest.c run only
# inside a guest (port I/O instructions) and stay out of the host library.

LIB_SRCS += $(sort $(filter-out lib/rt/% lib/%_guest.c,$(wildcard lib/*/*.c))) lib/rt/fmt.c

LIB_HOST_OBJS := $(LIB_SRCS:%.c=$(BUILD)/host/%.o)
LIB_SAN_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/san/%.o)

$(BUILD)/host/libjiffy.a: $(LIB_HOST_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/san/libjiffy.a: $(LIB_SAN_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# Guest-side runtime: linked into firmware, the demo and test guests.
RT_SRCS := lib/rt/string.c lib/rt/fmt.c lib/rt/console.c
RT32_OBJS := $(RT_SRCS:%.c=$(BUILD)/g32/%.o) $(BUILD)/g32/lib/rt/divdi3.o
RT64_OBJS := $(RT_SRCS:%.c=$(BUILD)/g64/%.o)
RT32_PVH_START := $(BUILD)/g32/lib/rt/pvh_start.o

# The fw_cfg client with its port-I/O transport, for firmware and guests.
FW_CFG_CLIENT_SRCS := lib/fw_cfg/client.c lib/fw_cfg/client_pio_guest.c
FW_CFG_CLIENT32_OBJS := $(FW_CFG_CLIENT_SRCS:%.c=$(BUILD)/g32/%.o)
FW_CFG_CLIENT64_OBJS := $(FW_CFG_CLIENT_SRCS:%.c=$(BUILD)/g64/%.o)

# Link a 32-bit guest ELF at 1 MiB from its prerequisites (objects first):
#   $(BUILD)/guests/foo.elf: $(FOO_OBJS) $(RT32_PVH_START) $(RT32_OBJS)
#   	$(GUEST32_LINK)
define GUEST32_LINK
@mkdir -p $(@D)
$(Q)$(CC) -m32 $(GUEST_LDFLAGS) -Wl,-T,lib/rt/guest32.lds $(filter %.o,$^) -o $@
endef

# vmm/build.mk: the jiffy program: KVM glue, devices and loaders over lib/.
#
# VMM_EMBED_OBJS: objects carrying guest images built into jiffy (the demo
# guest, the firmware); their fragments append to it.
# VMM_LDLIBS: libraries jiffy links (fragments append).

VMM_SRCS += $(sort $(wildcard vmm/*.c vmm/*/*.c))
VMM_OBJS := $(VMM_SRCS:%.c=$(BUILD)/host/%.o)
VMM_EMBED_OBJS ?=
VMM_LDLIBS ?=

$(VMM_OBJS): HOST_CFLAGS += -Ivmm

$(BUILD)/jiffy: $(VMM_OBJS) $(VMM_EMBED_OBJS) $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) $(filter %.o %.a,$^) -o $@ $(VMM_LDLIBS) $(HOST_LDLIBS)

# A statically linked jiffy, easy to carry into a nested guest (tests/nested).
$(BUILD)/jiffy-static: $(VMM_OBJS) $(VMM_EMBED_OBJS) $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) -static $(filter %.o %.a,$^) -o $@ $(VMM_LDLIBS) $(HOST_LDLIBS)

# jiffy under ASan + UBSan: the malformed-input tests run it too.
VMM_SAN_OBJS := $(VMM_SRCS:%.c=$(BUILD)/san/%.o)
$(VMM_SAN_OBJS): SAN_CFLAGS += -Ivmm

$(BUILD)/san/jiffy: $(VMM_SAN_OBJS) $(VMM_EMBED_OBJS) $(BUILD)/san/libjiffy.a
	$(Q)$(CC) $(SAN_CFLAGS) $(filter %.o %.a,$^) -o $@ $(VMM_LDLIBS) $(HOST_LDLIBS)

CHECK_TARGETS += $(BUILD)/san/jiffy

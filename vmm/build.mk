# vmm/build.mk: the jiffy program: KVM glue, devices and loaders over lib/.

VMM_SRCS += $(sort $(wildcard vmm/*.c vmm/*/*.c))
VMM_OBJS := $(VMM_SRCS:%.c=$(BUILD)/host/%.o)

$(BUILD)/jiffy: $(VMM_OBJS) $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) $^ -o $@ $(HOST_LDLIBS)

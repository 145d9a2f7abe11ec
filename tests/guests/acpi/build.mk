# tests/guests/acpi/build.mk: the ACPI guest: jiffy's tables as an OS finds them, and their registers.
ACPI_GUEST_OBJS := $(BUILD)/g32/tests/guests/acpi/acpi_guest.o

$(BUILD)/guests/acpi-guest.elf: $(ACPI_GUEST_OBJS) $(JT32_OBJS) \
		$(RT32_PVH_START) $(RT32_OBJS)
	$(GUEST32_LINK)

CHECK_TARGETS += $(BUILD)/guests/acpi-guest.elf

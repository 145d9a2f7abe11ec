# tests/nested/build.mk: the nested Linux harness (tests/nested/suite) and make check-linux-host.
#
# The suite boots Debian's kernel under the VMM under test inside a QEMU TCG
# guest with nested KVM (docs/nested-harness.md). It fetches the kernel and
# busybox-static with apt-get download into .cache/nested/ itself; what it
# runs on the host comes from these packages.

TEST_PKGS += qemu-system-x86 qemu-system-data cpio lz4

# Static, so it runs in the first-level guest, which has no C library.
NESTED_STOPWATCH := $(BUILD)/host/tests/nested/stopwatch

$(NESTED_STOPWATCH): $(BUILD)/host/tests/nested/stopwatch.o
	$(Q)$(CC) $(HOST_CFLAGS) -static $^ -o $@

NESTED_TARGETS := $(BUILD)/jiffy $(BUILD)/jiffy-static \
		  $(BUILD)/extract-vmlinux $(NESTED_STOPWATCH) $(FW_BIN)
CHECK_TARGETS += $(NESTED_TARGETS)

# The same cases on this machine's /dev/kvm, without the nested guest: for
# machines with VT-x/AMD-V. It refuses to start where /dev/kvm cannot run a
# stock kernel (no vmx/svm flag), such as the project's CI machines.
.PHONY: check-linux-host
check-linux-host: test-deps $(NESTED_TARGETS)
	$(Q)BUILD=$(BUILD) tests/nested/suite --host

# Guests for start-up timing (tests/nested/guests/): exit-pvh.elf and
# exit.rom write the exit port first thing (bench/linux-boot.sh, QEMU alone
# in bench/firmware.sh); initrd-exit.rom first reads the initrd by one DMA
# (QEMU's share of a firmware boot in bench/firmware.sh).
NESTED_GUESTS := $(BUILD)/nested/guests/exit-pvh.elf \
		 $(BUILD)/nested/guests/exit.rom \
		 $(BUILD)/nested/guests/initrd-exit.rom

$(BUILD)/nested/guests/exit-pvh.elf: \
		$(BUILD)/g32/tests/nested/guests/exit-pvh.o $(RT32_PVH_START)
	$(GUEST32_LINK)

$(BUILD)/nested/guests/%.rom: $(BUILD)/g32/tests/nested/guests/%-rom.o
	@mkdir -p $(@D)
	$(Q)objcopy -O binary -j .text $< $@
	$(Q)test $$(stat -c %s $@) -eq 65536

CHECK_TARGETS += $(NESTED_GUESTS)

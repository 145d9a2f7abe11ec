# tools/build.mk: host tools built beside jiffy (build/extract-vmlinux).

BUILD_PKGS += liblz4-dev zlib1g-dev liblzma-dev libzstd-dev

# The libraries behind lib/boot/payload_codecs.c. Only programs that call
# the payload decoders link them; a static archive leaves the codecs out of
# everything else.
PAYLOAD_LDLIBS := -llz4 -lz -llzma -lzstd

$(BUILD)/extract-vmlinux: $(BUILD)/host/tools/extract-vmlinux.o \
			  $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) $^ -o $@ $(PAYLOAD_LDLIBS) $(HOST_LDLIBS)

# The payload unit tests decode, and compress their samples, with them too.
PAYLOAD_TESTS := test_payload test_payload_header
$(foreach t,$(PAYLOAD_TESTS),$(BUILD)/host/tests/unit/$(t) \
	$(BUILD)/san/tests/unit/$(t)): UNIT_LIBS += $(PAYLOAD_LDLIBS)

CHECK_TARGETS += $(BUILD)/extract-vmlinux

# tests/fuzz/build.mk: libFuzzer targets (clang, ASan + UBSan) and `make fuzz`.
#
# Every tests/fuzz/fuzz_*.c is one target, linked against the whole
# library built with coverage instrumentation into $(BUILD)/fuzz/.
# tests/fuzz/suite runs each for a bounded time under `make check`
# (about a minute in all); `make fuzz` runs them for FUZZ_SECONDS.

TEST_PKGS += clang libclang-rt-14-dev

FUZZ_SECONDS ?= 600
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=gnu11 $(WARN) -O1 -g -D_GNU_SOURCE -Iinclude -Ilib \
		-MMD -MP -fsanitize=fuzzer-no-link $(FUZZ_SAN)

FUZZ_SRCS     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS  := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/fuzz/%.o)

$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/libjiffy.a: $(FUZZ_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/fuzz/%: $(BUILD)/fuzz/tests/fuzz/%.o $(BUILD)/fuzz/libjiffy.a
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@

CHECK_TARGETS += $(FUZZ_TARGETS)

.PHONY: fuzz
fuzz: test-deps $(FUZZ_TARGETS)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/suite $(BUILD)

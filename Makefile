# Makefile: builds jiffy, its firmware, the demo and test guests, and runs the tests.
#
#   make            build jiffy (build/jiffy)
#   make run        build and boot the bundled demo guest
#   make check      install what the tests need, then run every test
#   make deps       install the Debian packages the build needs (as root)
#
# Each area adds its sources and rules in its own fragment (lib/build.mk,
# vmm/build.mk, tests/build.mk, ...), so the top level stays short.

BUILD    ?= build
CC       ?= gcc
CLANG    ?= clang
Q        := $(if $(V),,@)

# Flags every hosted build shares: C11 with GNU extensions, warnings as errors.
WARN      := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
             -Wmissing-prototypes -Wstrict-prototypes
HOST_CFLAGS := -std=gnu11 $(WARN) -O2 -g -D_GNU_SOURCE -pthread \
               -Iinclude -Ilib -MMD -MP
HOST_LDLIBS := -pthread
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
SAN_CFLAGS  := $(HOST_CFLAGS:-O2=-O1) $(SAN_FLAGS)

# Freestanding code that runs inside a guest (firmware, demo, test guests):
# no libc, no SSE (the guest has not enabled it), no stack protector.
GUEST_CFLAGS := -std=gnu11 $(WARN) -Os -g -ffreestanding -fno-pic -fno-pie \
                -fno-stack-protector -fno-asynchronous-unwind-tables \
                -fno-builtin -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
                -mno-sse -mno-mmx -mno-80387 -mgeneral-regs-only \
                -Iinclude -Ilib -Ilib/rt/include -MMD -MP
GUEST32_CFLAGS := $(GUEST_CFLAGS) -m32 -march=i686
GUEST64_CFLAGS := $(GUEST_CFLAGS) -m64 -mno-red-zone -mcmodel=small
GUEST_LDFLAGS  := -nostdlib -static -no-pie -Wl,--build-id=none \
                  -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

# Filled in by the fragments.
LIB_SRCS      :=
VMM_SRCS      :=
CHECK_TARGETS :=
BUILD_PKGS    := gcc make libc6-dev
TEST_PKGS     :=

.PHONY: all run check deps test-deps clean
# Keep intermediate objects (no implicit deletion) so rebuilds stay incremental.
.SECONDARY:
all: $(BUILD)/jiffy

include mk/rules.mk
# Order matters: lib/ defines the runtime objects guests link; demo/ and
# firmware/ add to VMM_EMBED_OBJS before vmm/ uses it in its link rule.
include $(wildcard lib/build.mk demo/build.mk firmware/build.mk vmm/build.mk)
include $(wildcard tools/build.mk)
include $(sort $(wildcard tests/*/build.mk)) $(wildcard tests/build.mk bench/build.mk)

run: $(BUILD)/jiffy
	$(BUILD)/jiffy

check: test-deps all $(CHECK_TARGETS)
	$(Q)tests/run $(BUILD)

deps:
	$(Q)scripts/need-packages $(BUILD_PKGS)

test-deps:
	$(Q)scripts/need-packages $(BUILD_PKGS) $(TEST_PKGS)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

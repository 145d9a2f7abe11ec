# tests/build.mk: unit tests (cmocka), each built twice: plain and ASan+UBSan.
#
# Every tests/unit/test_*.c is one test program linked against libjiffy.a
# and the shared helpers (the other tests/unit/*.c, e.g. image builders).
# Other fragments may add objects to a program (firmware/build.mk does):
# objects are linked before the archive, whatever the order they come in.

TEST_PKGS += libcmocka-dev

UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HOST  := $(UNIT_SRCS:%.c=$(BUILD)/host/%)
UNIT_SAN   := $(UNIT_SRCS:%.c=$(BUILD)/san/%)
UNIT_HELPERS := $(filter-out $(UNIT_SRCS),$(wildcard tests/unit/*.c))
UNIT_LIBS  := -lcmocka

$(BUILD)/host/tests/unit/%: $(BUILD)/host/tests/unit/%.o \
		$(UNIT_HELPERS:%.c=$(BUILD)/host/%.o) $(BUILD)/host/libjiffy.a
	$(Q)$(CC) $(HOST_CFLAGS) $(filter %.o,$^) $(filter %.a,$^) -o $@ \
		$(UNIT_LIBS) $(HOST_LDLIBS)

$(BUILD)/san/tests/unit/%: $(BUILD)/san/tests/unit/%.o \
		$(UNIT_HELPERS:%.c=$(BUILD)/san/%.o) $(BUILD)/san/libjiffy.a
	$(Q)$(CC) $(SAN_CFLAGS) $(filter %.o,$^) $(filter %.a,$^) -o $@ \
		$(UNIT_LIBS) $(HOST_LDLIBS)

CHECK_TARGETS += $(UNIT_HOST) $(UNIT_SAN)

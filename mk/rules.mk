# mk/rules.mk: pattern rules shared by every fragment.
#
# Object trees under $(BUILD):
#   host/  hosted code, optimised        (jiffy, unit tests, tools)
#   san/   hosted code, ASan + UBSan      (unit tests again)
#   g32/   freestanding 32-bit guest code (-m32)
#   g64/   freestanding 64-bit guest code (-m64)
#   fuzz/  clang + libFuzzer + ASan/UBSan

# Hosted code needs Debian -dev packages (BUILD_PKGS): install the missing
# ones once per build tree, before the first compile (needs root then).
$(BUILD)/.build-deps:
	$(Q)scripts/need-packages $(BUILD_PKGS)
	@mkdir -p $(@D) && touch $@

$(BUILD)/host/%.o: %.c | $(BUILD)/.build-deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/%.o: %.S | $(BUILD)/.build-deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/san/%.o: %.c | $(BUILD)/.build-deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(SAN_CFLAGS) -c $< -o $@

$(BUILD)/g32/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST32_CFLAGS) -c $< -o $@

$(BUILD)/g32/%.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST32_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(BUILD)/g64/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST64_CFLAGS) -c $< -o $@

$(BUILD)/g64/%.o: %.S
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST64_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

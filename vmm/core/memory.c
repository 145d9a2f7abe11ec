/* memory.c: anonymous guest RAM, memory slots, copy-on-write file mapping. */
#include "core/memory.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/layout.h"
#include "status.h"

#define PAGE 4096ull
#define HUGE (2 * MiB)

/*
 * An anonymous region aligned to 2 MiB, so transparent huge pages can back
 * it with the same alignment as the guest-physical addresses (KVM then
 * maps large pages too).
 */
static uint8_t *alloc_region(uint64_t size)
{
	uint64_t span = size + HUGE;
	uint8_t *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint8_t *aligned;

	if (p == MAP_FAILED)
		return NULL;
	aligned =
		(uint8_t *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
	if (aligned > p)
		munmap(p, aligned - p);
	if (aligned + size < p + span)
		munmap(aligned + size, p + span - (aligned + size));
	return aligned;
}

static int add_e820(struct vm *vm, uint64_t addr, uint64_t size, uint32_t type)
{
	if (e820_add(&vm->e820, addr, size, type)) {
		fprintf(stderr,
			"jiffy: internal error: e820 entry [0x%llx, +0x%llx)\n",
			(unsigned long long)addr, (unsigned long long)size);
		return STATUS_HOST;
	}
	return 0;
}

int memory_init(struct vm *vm, uint64_t size)
{
	uint64_t low = size < LOW_RAM_MAX ? size : LOW_RAM_MAX;
	uint64_t high = size - low;
	int ret;

	vm->ram_size = size;
	vm->ram.n = 0;
	for (int i = 0; i < 2; i++) {
		uint64_t gpa = i ? HIGH_RAM_START : 0, len = i ? high : low;
		uint8_t *host;

		if (!len)
			continue;
		host = alloc_region(len);
		if (!host) {
			fprintf(stderr,
				"jiffy: cannot reserve %llu MiB of guest RAM: %s\n",
				(unsigned long long)(len >> 20),
				strerror(errno));
			return STATUS_HOST;
		}
		vm->ram.r[vm->ram.n++] =
			(struct guest_ram_region){ gpa, len, host };
	}

	/* The PC map: the last KiB below 640 KiB (EBDA: MP table), the ACPI
	 * tables and the BIOS area are reserved; 640-896 KiB is absent (VGA,
	 * option ROMs). */
	e820_init(&vm->e820);
	ret = add_e820(vm, 0, MPTABLE_ADDR, E820_RAM);
	if (!ret)
		ret = add_e820(vm, MPTABLE_ADDR, EBDA_END - MPTABLE_ADDR,
			       E820_RESERVED);
	if (!ret)
		ret = add_e820(vm, ACPI_RSDP_ADDR, HIMEM_START - ACPI_RSDP_ADDR,
			       E820_RESERVED);
	if (!ret)
		ret = add_e820(vm, HIMEM_START, low - HIMEM_START, E820_RAM);
	if (!ret && high)
		ret = add_e820(vm, HIGH_RAM_START, high, E820_RAM);
	return ret;
}

int memory_add_rom(struct vm *vm, const uint8_t *image, uint64_t size,
		   bool shadow)
{
	struct guest_ram_region *low = &vm->ram.r[0];
	uint64_t alias = size < ROM_ALIAS_MAX ? size : ROM_ALIAS_MAX;
	uint64_t alias_at = HIMEM_START - alias;

	vm->rom.image = image;
	vm->rom.size = size;
	vm->rom.alias = alias;
	vm->rom.shadow = shadow;
	if (shadow) {
		memcpy(low->host + alias_at, image + size - alias, alias);
		return 0;
	}
	/* The alias takes the place of RAM: split low RAM around it. */
	if (vm->ram.n == GUEST_RAM_MAX_REGIONS || low->size <= HIMEM_START)
		return STATUS_HOST;
	memmove(&vm->ram.r[2], &vm->ram.r[1],
		(vm->ram.n - 1) * sizeof(vm->ram.r[0]));
	vm->ram.r[1] = (struct guest_ram_region){
		HIMEM_START, low->size - HIMEM_START, low->host + HIMEM_START
	};
	low->size = alias_at;
	vm->ram.n++;
	return 0;
}

static int set_slot(struct vm *vm, uint32_t slot, uint64_t gpa, uint64_t size,
		    const void *host, bool readonly)
{
	struct kvm_userspace_memory_region r = {
		.slot = slot,
		.flags = readonly ? KVM_MEM_READONLY : 0,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uintptr_t)host,
	};

	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
		fprintf(stderr,
			"jiffy: KVM refused %llu KiB of guest %s at 0x%llx: %s\n",
			(unsigned long long)(size >> 10),
			readonly ? "ROM" : "RAM", (unsigned long long)gpa,
			strerror(errno));
		return STATUS_HOST;
	}
	return 0;
}

int memory_register(struct vm *vm)
{
	uint32_t slot = 0;
	int ret = 0;

	for (unsigned i = 0; !ret && i < vm->ram.n; i++)
		ret = set_slot(vm, slot++, vm->ram.r[i].gpa, vm->ram.r[i].size,
			       vm->ram.r[i].host, false);
	if (ret || !vm->rom.size)
		return ret;
	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_READONLY_MEM) <= 0) {
		fprintf(stderr,
			"jiffy: this KVM lacks read-only memory slots (KVM_CAP_READONLY_MEM), which firmware needs\n");
		return STATUS_HOST;
	}
	ret = set_slot(vm, slot++, ROM_END - vm->rom.size, vm->rom.size,
		       vm->rom.image, true);
	if (!ret && !vm->rom.shadow)
		ret = set_slot(vm, slot++, HIMEM_START - vm->rom.alias,
			       vm->rom.alias,
			       vm->rom.image + vm->rom.size - vm->rom.alias,
			       true);
	return ret;
}

void *gpa_ptr(struct vm *vm, uint64_t gpa, uint64_t len)
{
	return guest_ram_ptr(&vm->ram, gpa, len);
}

static int copy_in(uint8_t *dst, int fd, const uint8_t *data, uint64_t offset,
		   uint64_t len)
{
	/* pread fills guest pages straight from the page cache; a memcpy
	 * from the read-only mapping would fault on both sides. */
	while (fd >= 0 && len >= 64 * KiB) {
		ssize_t n = pread(fd, dst, len, (off_t)offset);

		if (n <= 0)
			break; /* fall back to the mapping */
		dst += n;
		offset += (uint64_t)n;
		len -= (uint64_t)n;
	}
	memcpy(dst, data + offset, len);
	return 0;
}

int memory_load(struct vm *vm, uint64_t gpa, int fd, const uint8_t *data,
		uint64_t offset, uint64_t len, struct load_stats *st)
{
	uint8_t *dst = gpa_ptr(vm, gpa, len);
	uint64_t head, body;

	if (!dst)
		return -EFAULT;
	if (!len)
		return 0;
	head = (PAGE - (gpa & (PAGE - 1))) & (PAGE - 1);
	if (head > len)
		head = len;
	body = (len - head) & ~(PAGE - 1);
	if (fd < 0 || ((gpa ^ offset) & (PAGE - 1)) || !body) {
		st->copied += len;
		return copy_in(dst, fd, data, offset, len);
	}
	copy_in(dst, fd, data, offset, head);
	if (mmap(dst + head, body, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_FIXED, fd,
		 (off_t)(offset + head)) == MAP_FAILED) {
		/* Some files cannot be mapped (pipes, some filesystems). */
		st->copied += len;
		return copy_in(dst + head, fd, data, offset + head, len - head);
	}
	copy_in(dst + head + body, fd, data, offset + head + body,
		len - head - body);
	st->mapped += body;
	st->copied += len - body;
	return 0;
}

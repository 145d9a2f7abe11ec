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

	/* The PC map: the last KiB below 640 KiB (EBDA: MP table) and the
	 * BIOS area are reserved; 640 KiB - 960 KiB is absent (VGA, ROMs). */
	e820_init(&vm->e820);
	ret = add_e820(vm, 0, MPTABLE_ADDR, E820_RAM);
	if (!ret)
		ret = add_e820(vm, MPTABLE_ADDR, EBDA_END - MPTABLE_ADDR,
			       E820_RESERVED);
	if (!ret)
		ret = add_e820(vm, BIOS_AREA_START,
			       HIMEM_START - BIOS_AREA_START, E820_RESERVED);
	if (!ret)
		ret = add_e820(vm, HIMEM_START, low - HIMEM_START, E820_RAM);
	if (!ret && high)
		ret = add_e820(vm, HIGH_RAM_START, high, E820_RAM);
	return ret;
}

int memory_register(struct vm *vm)
{
	for (unsigned i = 0; i < vm->ram.n; i++) {
		struct kvm_userspace_memory_region slot = {
			.slot = i,
			.guest_phys_addr = vm->ram.r[i].gpa,
			.memory_size = vm->ram.r[i].size,
			.userspace_addr = (uintptr_t)vm->ram.r[i].host,
		};

		if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0) {
			fprintf(stderr,
				"jiffy: KVM refused %llu MiB of guest RAM at 0x%llx: %s\n",
				(unsigned long long)(slot.memory_size >> 20),
				(unsigned long long)slot.guest_phys_addr,
				strerror(errno));
			return STATUS_HOST;
		}
	}
	return 0;
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

int memory_fill(uint8_t *dst, int fd, const uint8_t *data, uint64_t offset,
		uint64_t len, struct load_stats *st)
{
	uint64_t head, body;

	if (!len)
		return 0;
	/* Host regions are 2 MiB aligned: dst's page offset is the gpa's. */
	head = (PAGE - ((uintptr_t)dst & (PAGE - 1))) & (PAGE - 1);
	if (head > len)
		head = len;
	body = (len - head) & ~(PAGE - 1);
	if (fd < 0 || (((uintptr_t)dst ^ offset) & (PAGE - 1)) || !body) {
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

int memory_load(struct vm *vm, uint64_t gpa, int fd, const uint8_t *data,
		uint64_t offset, uint64_t len, struct load_stats *st)
{
	uint8_t *dst = gpa_ptr(vm, gpa, len);

	if (!dst)
		return -EFAULT;
	return memory_fill(dst, fd, data, offset, len, st);
}

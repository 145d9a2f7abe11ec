/* dev.h: the fw_cfg device model: items, port and MMIO transports, DMA engine. */
#ifndef FW_CFG_DEV_H
#define FW_CFG_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/fw_cfg.h"

/*
 * A device that behaves like QEMU 7.2's fw_cfg (docs: fw_cfg.md), with no
 * KVM inside and no global state: create as many as you like. The VMM
 * fills it with items while it builds the machine, then forwards the
 * guest's accesses from its port-I/O or MMIO exits.
 *
 * Not thread-safe: the caller serializes every call on one device (one
 * vCPU thread, or a lock around it). Items are added before the guest
 * runs: adding a file renumbers the files that sort after it, as in QEMU.
 */
struct fw_cfg_dev;

/*
 * Guest memory for DMA, supplied by the VMM. The device asks about
 * [gpa, gpa + len) (len is never 0 and the range does not wrap) and
 * learns how it begins:
 *   - gpa is RAM: return its host address and set *run to the number of
 *     bytes from gpa that are RAM in the same contiguous host mapping
 *     (1..len);
 *   - gpa is not RAM: return NULL and set *run to the number of bytes
 *     before the next RAM (1..len; len when there is none in the range).
 * write tells that the device will store into the range (the VMM may log
 * dirty pages). The device then goes run by run, as QEMU's memory core
 * does: it transfers the RAM runs, and any other run makes the DMA fail
 * with the ERROR bit, its bytes read as zeros and stores to it dropped.
 * So a buffer running off the end of RAM still gets its part in RAM.
 */
typedef void *(*fw_cfg_dev_map_fn)(void *opaque, uint64_t gpa, uint64_t len,
				   bool write, uint64_t *run);

/*
 * Optional: DMA reads hand item bytes to this instead of copying them,
 * src being the item's (borrowed) memory and dst the host address map
 * gave for guest RAM [gpa, gpa + len), one RAM run: a buffer that is
 * partly outside RAM gets one call per run in RAM, never a range that is
 * not. It must leave dst holding src's bytes and write nothing else; a
 * VMM that borrowed a read-only mapping of a file can map its whole pages
 * there copy-on-write instead of touching every page twice (a 128 MiB
 * initrd: a few system calls instead of 65,536 page faults). Not called
 * for zero fill or the status word: those are the device's own bytes.
 */
typedef void (*fw_cfg_dev_copy_fn)(void *opaque, uint64_t gpa, void *dst,
				   const void *src, size_t len);

/* Called after a DMA write stored [off, off + len) of a writable item. */
typedef void (*fw_cfg_dev_write_fn)(void *opaque, uint32_t off,
				    uint32_t len);

struct fw_cfg_dev_config {
	fw_cfg_dev_map_fn map; /* required unless no_dma */
	void *map_opaque;      /* map's and copy's */
	fw_cfg_dev_copy_fn copy; /* NULL: memmove */
	bool no_dma;         /* ID = 1, no DMA register (QEMU <= 2.4) */
	unsigned file_slots; /* 0: QEMU's default, 32 */
};

/*
 * Create a device holding the signature, the ID and an empty directory,
 * selected on key 0. -EINVAL for a bad config (slots outside
 * [FW_CFG_FILE_SLOTS_MIN, FW_CFG_FILE_SLOTS_MAX], no map with DMA),
 * -ENOMEM.
 */
int fw_cfg_dev_create(struct fw_cfg_dev **out,
		      const struct fw_cfg_dev_config *cfg);
void fw_cfg_dev_destroy(struct fw_cfg_dev *d);

/* Machine reset: select key 0 at offset 0. Items stay, so does the DMA
 * address register (QEMU does not clear a half-written address). */
void fw_cfg_dev_reset(struct fw_cfg_dev *d);

/* Flags for the add functions. */
#define FW_CFG_DEV_WRITABLE (1u << 0) /* DMA writes allowed (whole only) */
#define FW_CFG_DEV_BORROW   (1u << 1) /* use the caller's memory, no copy */

/*
 * Add an item under a legacy key (index below FW_CFG_FILE_FIRST, either
 * table). The device copies data unless FW_CFG_DEV_BORROW is given: then
 * it reads the caller's memory (a read-only mmap of a large file, say),
 * which must stay valid and unchanged until the device is destroyed.
 * Writable items are always copies (WRITABLE | BORROW is -EINVAL).
 * -EINVAL for a file key or bit 14 set, -EEXIST if the key is taken
 * (the signature, ID and directory always are), -EFBIG above 4 GiB - 1,
 * -ENOMEM. len 0 makes an item that reads as zeros, like an absent one.
 */
int fw_cfg_dev_add(struct fw_cfg_dev *d, uint16_t key, const void *data,
		   size_t len, unsigned flags);
/* Little-endian integers, as QEMU's fw_cfg_add_i16/i32/i64 store them. */
int fw_cfg_dev_add_u16(struct fw_cfg_dev *d, uint16_t key, uint16_t v);
int fw_cfg_dev_add_u32(struct fw_cfg_dev *d, uint16_t key, uint32_t v);
int fw_cfg_dev_add_u64(struct fw_cfg_dev *d, uint16_t key, uint64_t v);

/*
 * Add a named item. It gets key FW_CFG_FILE_FIRST + its index in strcmp
 * order of the names, and an entry in the directory (key 0x19), as in
 * QEMU machine types >= 2.6. -EINVAL for an empty name, -ENAMETOOLONG
 * above 55 bytes, -EEXIST for a duplicate name, -ENOSPC when every slot
 * is used, else as fw_cfg_dev_add.
 */
int fw_cfg_dev_add_file(struct fw_cfg_dev *d, const char *name,
			const void *data, size_t len, unsigned flags);

/* The key of a named item, or -ENOENT. */
int fw_cfg_dev_file_key(const struct fw_cfg_dev *d, const char *name);
/* The current content of a named item (writable ones change), or NULL. */
const void *fw_cfg_dev_file_data(const struct fw_cfg_dev *d, const char *name,
				 uint32_t *len);
/* Be told about DMA writes to a writable named item. -ENOENT, -EPERM if
 * the item is read-only. */
int fw_cfg_dev_on_write(struct fw_cfg_dev *d, const char *name,
			fw_cfg_dev_write_fn fn, void *opaque);
unsigned fw_cfg_dev_file_count(const struct fw_cfg_dev *d);

/*
 * x86 port I/O, for the port window FW_CFG_PORT_BASE..+FW_CFG_PORT_SIZE.
 * off is the port minus FW_CFG_PORT_BASE, size the access width (1, 2, 4;
 * up to 8 is handled), data the bytes as KVM's exit carries them (little
 * endian). Every width and offset gives what QEMU 7.2 gives, including
 * the accesses QEMU rejects (0x00 bytes) and the unassigned ports inside
 * and after the window (0xff bytes). Reads always fill size bytes.
 */
void fw_cfg_dev_io_read(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			void *data);
void fw_cfg_dev_io_write(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			 const void *data);
/*
 * String I/O (`rep insb` and friends): count accesses of size bytes at
 * the same port in one exit, data holding count * size bytes. Data-port
 * byte reads are served with one copy.
 */
void fw_cfg_dev_io_read_rep(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			    uint32_t count, void *data);
void fw_cfg_dev_io_write_rep(struct fw_cfg_dev *d, uint64_t off,
			     unsigned size, uint32_t count, const void *data);

/*
 * MMIO, for the ARM `virt` layout (FW_CFG_MMIO_*, an 8-byte data
 * register): off from the window base, size 1, 2, 4 or 8, data in memory
 * order of a little-endian CPU. Rejected accesses and the holes read 0.
 */
void fw_cfg_dev_mmio_read(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			  void *data);
void fw_cfg_dev_mmio_write(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			   const void *data);

#endif

/* demo_blob.h: the demo guest ELF built into jiffy (demo/demo_blob.S). */
#ifndef DEMO_BLOB_H
#define DEMO_BLOB_H

/* A PVH ELF: jiffy boots it when run without --kernel. */
extern const unsigned char jiffy_demo_elf[];
extern const unsigned char jiffy_demo_elf_end[];

#endif

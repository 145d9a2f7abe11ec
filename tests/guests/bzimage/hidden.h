/* hidden.h: included first in every bzImage-guest C file: all symbols local, so references are RIP-relative. */
#pragma GCC visibility push(hidden)

/* exit_fast.h: ending jiffy without waiting for KVM to tear the VM down. */
#ifndef VMM_EXIT_FAST_H
#define VMM_EXIT_FAST_H

/*
 * Exit with status now. The VM's file descriptors and memory are handed
 * to a short-lived process sharing them, which releases them after we are
 * gone: destroying a VM with an in-kernel irqchip and PIT waits for SRCU
 * grace periods (measured 16-25 ms here), none of which the user needs to
 * wait for. Call only after all output is flushed; does not run atexit
 * handlers.
 */
__attribute__((noreturn)) void exit_fast(int status);

#endif

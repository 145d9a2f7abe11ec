/* mb_smp.c: the APs, started by INIT/SIPI and counted. */
#include <string.h>

#include "jt.h"
#include "mb.h"
#include "rt/x86io.h"

#define MSR_APIC_BASE	 0x1b
#define APIC_BASE_MASK	 0xfffff000ull
#define APIC_ICR_LO	 (0x300 / 4)
#define APIC_ICR_HI	 (0x310 / 4)
#define ICR_INIT	 0x00000500u
#define ICR_STARTUP	 0x00000600u
#define ICR_BUSY	 0x00001000u
#define ICR_ASSERT	 0x00004000u
#define ICR_ALL_BUT_SELF 0x000c0000u

/*
 * How long to wait for the APs, in TSC cycles: about 1.6 s at 2.6 GHz.
 * Generous, because an emulated AP runs ~1 M instructions a second, and
 * a TSC is what every CPU here has (no timer to program first).
 */
#define AP_WAIT_CYCLES	(1ull << 32)
#define AP_GRACE_CYCLES (1ull << 25) /* then a little for extra ones */

static void send_ipi(volatile uint32_t *apic, uint32_t icr)
{
	apic[APIC_ICR_HI] = 0;
	apic[APIC_ICR_LO] = icr;
	for (int i = 0; i < 1000 && (apic[APIC_ICR_LO] & ICR_BUSY); i++)
		__asm__ volatile("pause");
}

/* Wait until n APs have counted themselves in, or the time is up. */
static uint32_t wait_aps(uint32_t n, uint64_t cycles)
{
	uint64_t t0 = rdtsc();

	while (mb_ap_count < n && rdtsc() - t0 < cycles)
		__asm__ volatile("pause");
	return mb_ap_count;
}

/*
 * The CPU count comes from jt.cpus=N, or from fw_cfg (fw_cpus, 0 when it
 * was not read); with both, they must agree. Every AP is started with
 * INIT, SIPI, SIPI to all but self, as the MP spec does, runs the
 * trampoline and counts itself in. Returns the CPUs that ran (1 when
 * nothing asked for APs).
 */
unsigned mb_smp_check(unsigned fw_cpus)
{
	uint64_t want = 0;
	bool by_arg = jt_arg_u64("cpus", &want);
	volatile uint32_t *apic;
	uint32_t got;

	if (fw_cpus) {
		if (by_arg && fw_cpus != want)
			jt_fail("fw_cfg says %u CPUs but jt.cpus=%llu", fw_cpus,
				(unsigned long long)want);
		want = fw_cpus;
	} else if (!by_arg) {
		return 1;
	}
	if (want < 1 || want > 255)
		jt_fail("%llu CPUs expected: give 1 to 255",
			(unsigned long long)want);
	if (want == 1)
		return 1;
	mb_check_free(MB_TRAMPOLINE, 4096, "the APs' start-up page");
	memcpy((void *)MB_TRAMPOLINE, mb_ap_tramp,
	       (size_t)(mb_ap_tramp_end - mb_ap_tramp));
	apic = (volatile uint32_t *)(uintptr_t)(rdmsr(MSR_APIC_BASE) &
						APIC_BASE_MASK);
	send_ipi(apic, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_INIT);
	for (int i = 0; i < 2; i++)
		send_ipi(apic, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_STARTUP |
				       (MB_TRAMPOLINE >> 12));
	got = wait_aps((uint32_t)want - 1, AP_WAIT_CYCLES);
	if (got < want - 1)
		jt_fail("%u of %llu CPUs ran: %u APs checked in after INIT/SIPI",
			got + 1, (unsigned long long)want, got);
	got = wait_aps((uint32_t)want, AP_GRACE_CYCLES);
	if (got > want - 1)
		jt_fail("%u CPUs ran, more than the %llu expected", got + 1,
			(unsigned long long)want);
	return (unsigned)want;
}

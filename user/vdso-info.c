/*
 * vdso-info.c - the vDSO, looked at from inside a process: where the kernel
 * mapped it (AT_SYSINFO_EHDR), what it exports, and the live data in the
 * vvar page below it - the numbers its clock_gettime turns into a time.
 */
#include "libsys.h"
#include "uapi/vvar.h"

static void
print_symbol(const char *name, const char *version, void *addr)
{
	printf("  %-22s %-10s %p\n", name, version, addr);
}

int
main(void)
{
	const uint8_t *base = (const uint8_t *)getauxval(AT_SYSINFO_EHDR);

	if (base == NULL) {
		printf("vdso-info: no AT_SYSINFO_EHDR: this kernel gave us no vDSO\n");
		return 1;
	}
	const struct vvar_data *vd = (const struct vvar_data *)(base - 4096);
	printf("[vdso] at %p (AT_SYSINFO_EHDR), ELF magic %02x %c%c%c\n", base, base[0], base[1],
	       base[2], base[3]);
	printf("[vvar] at %p (one page below, read-only)\n", vd);
	printf("exported functions:\n");
	vdso_for_each_symbol(print_symbol);
	for (int i = 0; i < 2; i++) {
		printf("vvar now: seq %u, updates %lu, cycle_last %lu, mult %u, shift %u\n",
		       vd->seq, vd->updates, vd->cycle_last, vd->mult, vd->shift);
		printf("          CLOCK_MONOTONIC base %lu s + %lu ns, CLOCK_REALTIME base %lu s\n",
		       vd->basetime[CLOCK_MONOTONIC].sec,
		       vd->basetime[CLOCK_MONOTONIC].nsec_shifted >> vd->shift,
		       vd->basetime[CLOCK_REALTIME].sec);
		sleep_ms(5);             /* the kernel republishes every 1 ms tick */
	}
	const char *modes[] = { "lsl (GDT segment limit)", "rdtscp (TSC_AUX)", "rdpid (TSC_AUX)" };
	printf("getcpu uses: %s\n", modes[vd->getcpu_mode < 3 ? vd->getcpu_mode : 0]);
	return 0;
}

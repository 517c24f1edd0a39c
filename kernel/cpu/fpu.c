/*
 * fpu.c - the user's x87/SSE registers (the "FPU state"), saved with
 * FXSAVE into a 512-byte image. The kernel itself never uses them (it is
 * built with -mno-sse), so while a thread is in the kernel the registers
 * still hold its user values: switch_to saves and restores them; a signal
 * frame gets them with one FXSAVE onto the user stack, and rt_sigreturn
 * loads them back (mm/uaccess.S: fxsave_user, fxrstor_user).
 *
 *   FXSAVE image (Intel SDM vol. 1, 10.5.1), the fields the kernel touches:
 *     offset  0  FCW, FSW, ...           x87 control/status
 *     offset 24  MXCSR                   SSE control/status
 *     offset 28  MXCSR_MASK              which MXCSR bits this CPU has
 *     offset 160 XMM0..XMM15
 *     offset 464 48 bytes for software   (Linux: fpx_sw_bytes; zero without XSAVE)
 */
#include "fpu.h"
#include "string.h"
#include "x86.h"

#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define MXCSR_DEFAULT_MASK 0xffbfU  /* when the CPU reports 0 (Intel SDM 11.6.6) */

static uint8_t initial_state[FXSAVE_BYTES] __attribute__((aligned(16)));
static uint32_t mxcsr_mask;

/* At boot, right after FNINIT: the state every new program starts with. */
void
fpu_init(void)
{
	fxsave(initial_state);
	memcpy(&mxcsr_mask, initial_state + FX_MXCSR_MASK, sizeof mxcsr_mask);
	if (mxcsr_mask == 0)
		mxcsr_mask = MXCSR_DEFAULT_MASK;
}

void
fpu_copy_initial(uint8_t image[FXSAVE_BYTES])
{
	memcpy(image, initial_state, FXSAVE_BYTES);
}

/* A signal handler starts with clean registers, as on Linux. */
void
fpu_load_initial(void)
{
	fxrstor(initial_state);
}

/*
 * An image that came from user memory (rt_sigreturn). FXRSTOR raises #GP -
 * in ring 0 - if MXCSR has a bit the CPU does not have, so clear those
 * first; every other field is harmless (a bad x87 state can only fault
 * later, in the program).
 */
void
fpu_load_from_user(uint8_t image[FXSAVE_BYTES])
{
	uint32_t mxcsr;

	memcpy(&mxcsr, image + FX_MXCSR, sizeof mxcsr);
	mxcsr &= mxcsr_mask;
	memcpy(image + FX_MXCSR, &mxcsr, sizeof mxcsr);
	fxrstor(image);
}

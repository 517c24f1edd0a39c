/*
 * fpu.h - saving and loading the user's x87/SSE registers (cpu/fpu.c).
 * Images are FXSAVE_BYTES long and 16-byte aligned.
 */
#ifndef FPU_H
#define FPU_H

#include <stdint.h>

#define FXSAVE_BYTES 512
#define FXSAVE_SW_BYTES 464          /* from here on: for software, not written by FXSAVE */

void fpu_init(void);
void fpu_copy_initial(uint8_t image[FXSAVE_BYTES]);
void fpu_load_initial(void);
void fpu_load_from_user(uint8_t image[FXSAVE_BYTES]);

#endif

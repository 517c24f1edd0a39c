/*
 * image.S - the vDSO shared object, built from kernel/vdso/vclock.c
 * (stripped of debug information), included byte for byte in the kernel's
 * read-only data. kernel/vdso/vdso.c copies it into pages at boot.
 */
	.section .rodata
	.balign 4096
	.global vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_IMAGE              /* path passed by the Makefile */
vdso_image_end:
	.balign 4096

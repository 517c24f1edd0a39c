/*
 * multiboot.S - the two headers that let a boot loader find and load us.
 *
 * Multiboot2 (GRUB's `multiboot2` command, used by `make run`): the loader
 * reads our ELF program headers and loads each PT_LOAD at its physical
 * address (p_paddr), then jumps to e_entry in 32-bit protected mode with
 * EAX = 0x36d76289 and EBX = physical address of the boot information.
 *
 * Multiboot1 (QEMU's `-kernel`, used by the fast tests): QEMU refuses ELF64
 * files, unless the header carries the "a.out kludge" (flag bit 16): then it
 * ignores the ELF structure and copies the file bytes from load_addr to
 * load_end_addr, zeroes up to bss_end_addr and jumps to entry_addr, with
 * EAX = 0x2badb002. This works because the linker script lays the file out
 * exactly as memory (checked by scripts/check-kernel-layout.sh).
 */
#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB1_MAGIC 0x1badb002
#define MB1_PAGE_ALIGN  (1 << 0)   /* modules on page boundaries */
#define MB1_MEMORY_INFO (1 << 1)   /* we want the memory map */
#define MB1_AOUT_KLUDGE (1 << 16)  /* use the address fields below */
#define MB1_FLAGS (MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_AOUT_KLUDGE)

	.section .multiboot, "a"

	/* Multiboot2 header: must be 8-byte aligned in the first 32 KiB of the file. */
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header                      /* header length */
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header)) /* sum = 0 */
	/* Tag 6: page-align modules (the initrd), so we can map it by pages. */
	.balign 8
	.short 6, 0
	.long 8
	/* End tag. */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	/* Multiboot1 header: 4-byte aligned in the first 8 KiB of the file. */
	.balign 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)      /* magic + flags + checksum = 0 */
	.long mb1_header                    /* header_addr: where this header lands */
	.long _kernel_phys_start            /* load_addr: first byte to load */
	.long _load_end_phys                /* load_end_addr: end of .data */
	.long _bss_end_phys                 /* bss_end_addr: end of .bss, zeroed */
	.long boot_entry32                  /* entry_addr */

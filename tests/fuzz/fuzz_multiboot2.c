/*
 * fuzz_multiboot2.c - kernel/boot/multiboot.c, bootinfo_parse() on
 * Multiboot2 information: the tags GRUB leaves for the kernel (command
 * line, modules such as the initrd, the memory map).
 *
 * Feeds: the input as the information structure, with the Multiboot2
 * magic. Its first word, total_size, says how long it is; the kernel
 * cannot check that (it has nothing else to go by), so the harness makes
 * it true, as GRUB does: the structure is copied to an 8-byte aligned
 * block of exactly total_size bytes, and an input shorter than the size it
 * declares is skipped. A total_size the parser must refuse outright (under
 * 16 or over its 1 MiB limit) is passed as it is: the parser may then read
 * only that first word.
 *
 * Checks (ASan: no read outside those total_size bytes), when accepted:
 * "multiboot2", at most BOOT_MAX_RANGES ranges and BOOT_MAX_MODULES
 * modules, each module's end not before its start, a NUL-terminated
 * command line. When refused: a message.
 */
#include "bootinfo.h"
#include "fuzz.h"

#define MB2_MAX_TOTAL (1u << 20)     /* multiboot.c's limit */

static struct boot_info bi;

static void
check_accepted(void)
{
	FUZZ_CHECK(strcmp(bi.protocol, "multiboot2") == 0, "protocol %s", bi.protocol);
	FUZZ_CHECK(bi.nranges >= 0 && bi.nranges <= BOOT_MAX_RANGES, "%d ranges", bi.nranges);
	FUZZ_CHECK(bi.nmodules >= 0 && bi.nmodules <= BOOT_MAX_MODULES, "%d modules", bi.nmodules);
	for (int i = 0; i < bi.nmodules; i++)
		FUZZ_CHECK(bi.modules[i].end >= bi.modules[i].start, "module %d ends before it starts", i);
	FUZZ_CHECK(strnlen(bi.cmdline, sizeof bi.cmdline) < sizeof bi.cmdline,
		   "command line not NUL-terminated");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t total;
	const char *error = NULL;

	if (size < 4)
		return 0;
	memcpy(&total, data, 4);
	bool impossible = total < 16 || total > MB2_MAX_TOTAL;
	if (!impossible && total > size)
		return 0;                /* longer than the input: not what a loader writes */
	size_t len = impossible ? 4 : total;
	uint8_t *info = malloc(len);
	memcpy(info, data, len);

	int r = bootinfo_parse(MB2_BOOTLOADER_MAGIC, info, &bi, &error);
	if (r == 0) {
		FUZZ_CHECK(!impossible, "accepted a total_size of %u", total);
		check_accepted();
	} else {
		FUZZ_CHECK(r == -1 && error != NULL && error[0] != '\0', "refused with %d, no message", r);
	}
	free(info);
	return 0;
}

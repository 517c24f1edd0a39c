/*
 * main.c - the boot story. boot/entry32.S got us into 64-bit mode in the
 * higher half; kmain() brings up each subsystem in dependency order, one
 * line each, then starts the first user program.
 */
#include "bootinfo.h"
#include "clock.h"
#include "cmdline.h"
#include "console.h"
#include "cpio.h"
#include "exec.h"
#include "cpu.h"
#include "initrd.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "power.h"
#include "printk.h"
#include "proc.h"
#include "syscall.h"
#include "string.h"
#include "vdso.h"
#include "trap.h"
#include "vfs.h"
#include "vm.h"
#include "x86.h"

struct percpu cpu0;
static struct boot_info boot_info;
static struct init_cmdline init_cmd;

static const char *const init_envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };

/* A boot-contract failure: say why, power off with "no init" (QEMU exit 7). */
static void __attribute__((noreturn))
no_init(const char *what, const char *detail)
{
	printk("init: %s: %s\n", what, detail);
	printk("init could not be started; powering off\n");
	power_off(EXIT_NO_INIT);
}

extern const uint64_t boot_entry_tsc;   /* boot/entry32.S, at a physical address */

static void
parse_boot_info(uint32_t magic, uint32_t info_phys)
{
	const char *error;

	/* Copy what entry32.S saved while its identity mapping still exists. */
	boot_tsc = *(const uint64_t *)phys_to_virt((uint64_t)&boot_entry_tsc);

	if (bootinfo_parse(magic, phys_to_virt(info_phys), &boot_info, &error) < 0)
		panic("boot: %s", error);
	printk("boot: %s, command line \"%s\"\n", boot_info.protocol, boot_info.cmdline);
}

static void
load_initrd(void)
{
	const char *error;

	if (boot_info.nmodules == 0)
		no_init("no initrd", "the boot loader passed no module (GRUB: module2 initrd.cpio)");
	const struct boot_module *m = &boot_info.modules[0];
	if (initrd_load(phys_to_virt(m->start), m->end - m->start, &error) < 0)
		no_init("initrd is malformed", error);
	printk("initrd: %lu bytes, %lu files\n", m->end - m->start, initrd_file_count());
}

static void
parse_cmdline(void)
{
	const char *error;

	if (cmdline_parse(boot_info.cmdline, &init_cmd, &error) < 0)
		no_init("bad kernel command line", error);
}

/*
 * Kernel option crashtest=pagefault: make the kernel itself fault, to see
 * (and test) the ring-0 exception report and the panic power-off.
 */
static void
maybe_crash(void)
{
	const char *what = cmdline_option(&init_cmd, "crashtest");

	if (what == NULL)
		return;
	printk("crashtest: making the kernel fault on purpose (%s)\n", what);
	if (strcmp(what, "pagefault") == 0)
		(void)*(volatile uint64_t *)0xdead000;
	panic("crashtest=%s: deliberate panic", what);
}

/*
 * Create process 1 from init= (boot contract: init=PATH -- args) and hand
 * the CPU to the scheduler; from now on this boot stack belongs to the
 * idle task.
 */
static void __attribute__((noreturn))
start_init(void)
{
	struct exec_args args = { .from_user = false, .kargv = init_cmd.argv, .kenvp = init_envp };
	const char *error;
	struct proc *p = proc_alloc();

	if (p == NULL || (p->tg = thread_group_new(p)) == NULL ||
	    (p->files = files_new()) == NULL || (p->fs = fs_new(NULL)) == NULL ||
	    (p->tg->sighand = sighand_new()) == NULL)
		no_init(init_cmd.path, "out of memory");
	rlimit_init(p->tg);              /* Linux's defaults; children inherit them */
	if (exec_program(p, init_cmd.path, &args, &error) < 0)
		no_init(init_cmd.path, error);
	p->tg->pgid = p->tg->sid = p->pid;   /* init leads the first session */
	for (int fd = 0; fd < 3; fd++) {  /* stdin, stdout, stderr: the console */
		struct file *f = console_open(O_RDWR);
		if (f == NULL || fd_install(p->files, f, fd, false) != fd)
			no_init(init_cmd.path, "out of memory");
	}
	init_proc = p;
	sched_prepare_new(p);
	uint64_t boot_ns = tsc_to_ns(rdtsc() - boot_tsc);
	printk("boot: kernel entry to init in %lu.%03lu ms; starting %s (pid %d)\n",
	       boot_ns / 1000000, boot_ns / 1000 % 1000, init_cmd.path, p->pid);
	sched_make_runnable(p);
	sched_idle_loop();
}

void
kmain(uint32_t magic, uint32_t info_phys)
{
	console_init();                  /* serial + VGA: printk works from here */
	printk("teachos: booting\n");
	parse_boot_info(magic, info_phys);  /* memory map, command line, modules */
	parse_cmdline();                 /* init=PATH -- args, kernel options */
	cpu_detect_features();           /* CPUID: NX, SMEP, SMAP, UMIP, RDTSCP */
	smap_patch_sites();              /* no SMAP: turn STAC/CLAC into NOPs */
	gdt_init();                      /* ring 0/3 segments and the TSS */
	idt_init();                      /* exception and interrupt entry points */
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);  /* %gs -> per-CPU data in ring 0 */
	pmm_init(&boot_info);            /* free physical pages */
	vm_init_kernel(&boot_info);      /* final kernel page tables (W^X) */
	cpu_enable_protections();        /* SSE for users, WP, SMEP, SMAP, UMIP */
	mce_init();                      /* hardware errors reported as #MC, not a shutdown */
	cpu_report();
	sched_init();                    /* the idle task; FPU state for new programs */
	pic_init();                      /* IRQs to vectors 32..47, timer only */
	timer_init();                    /* PIT: HZ ticks per second */
	clock_init();                    /* TSC rate, RTC date, the vvar page */
	vdso_init();                     /* the vDSO image, ready to map */
	syscall_init();                  /* MSRs for SYSCALL/SYSRET */
	load_initrd();                   /* cpio archive -> file tree */
	vfs_init();                      /* /dev/console, /dev/null, /dev/zero, /proc, /sys */
	tty_init();                      /* the console terminal and its line discipline */
	serial_enable_input();           /* typed characters arrive by interrupt ... */
	pic_unmask(IRQ_COM1);            /* ... from the serial port */
	pic_unmask(IRQ_KEYBOARD);        /* ... and the PS/2 keyboard */
	maybe_crash();                   /* crashtest=...: show a kernel fault */
	start_init();                    /* first user program, ring 3 */
}

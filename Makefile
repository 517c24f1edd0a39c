# Makefile - one target per workflow. `make help` lists them.
#
#   make            kernel, libsys, user programs, initrd, bootable ISO
#   make run        boot the ISO in QEMU (serial console in this terminal)
#   make debug      boot paused, with GDB attached (see docs/gdb.md)
#   make test       host unit tests + QEMU tests + GDB test, "N passed, N failed"
#   make test-pending  the real programs (Go, threads, signals, busybox) still pending
#   make fuzz-host  the host fuzzers, FUZZ_SECONDS (60) each (FUZZERS=cpio for one)
#   make fuzz SEED=n CALLS=n   the system-call fuzzer in the guest, as init (docs/fuzzing.md)
#   make bench      system-call costs under QEMU (-icount: instruction counts)
#   make bench-linux  the same binaries under Debian's Linux 6.1 (bench's Linux column)
#   make grade LAB=name   grade one lab of labs/ (make grade lists them)
#   make check-labs every lab's grader fails on this tree, passes with its solution
#   make clean
#
# Every default below can be overridden on the command line, one per line.

CROSS     ?=
CC        := $(CROSS)gcc
LD        := $(CROSS)ld
NM        := $(CROSS)nm
OBJDUMP   := $(CROSS)objdump
HOSTCC    ?= gcc
QEMU      ?= qemu-system-x86_64
ACCEL     ?= tcg
MEM       ?= 128M
INIT      ?= /bin/init
ARGS      ?=
# make run INITRD=build/test-initrd.cpio boots with the test programs too.
INITRD    ?= $(BUILD)/initrd.cpio
GDBPORT   ?= $(shell expr `id -u` % 5000 + 25000)
BUILD     ?= build

ifeq ($(ACCEL),kvm)
QEMU_CPU  ?= -accel kvm -cpu host
else
QEMU_CPU  ?= -accel tcg -cpu max
endif
QEMU_FLAGS = $(QEMU_CPU) -m $(MEM) -no-reboot -nic none -display none -serial mon:stdio \
             -device isa-debug-exit,iobase=0xf4,iosize=0x04

V         ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif

WARN      := -Wall -Wextra -Werror
KERNEL_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-fno-stack-protector -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-MMD -MP -Ikernel/include
USER_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-builtin \
	-MMD -MP -Ilibsys/include -Ikernel/include
# Newer binutils warn about the RWX boot segment (32-bit code and its page
# tables share it on purpose) and about missing .note.GNU-stack in .S files.
LD_QUIET  := -z noexecstack $(shell $(LD) --help 2>/dev/null | grep -q no-warn-rwx-segments && echo --no-warn-rwx-segments)
LDFLAGS_KERNEL := -z max-page-size=0x1000 $(LD_QUIET) -T linker.ld
LDFLAGS_USER   := -z max-page-size=0x1000 $(LD_QUIET) -T libsys/user.ld

.DEFAULT_GOAL := all
.SECONDARY:          # keep intermediate objects: no rebuild on the next make
.PHONY: all run debug test test-host test-qemu test-gdb test-pending fuzz-host bench bench-linux fuzz clean help deps compdb grade check-labs

# ---------------------------------------------------------------- kernel
# kernel/vdso/vclock.c is user code: it becomes the vDSO, not part of the kernel.
KERNEL_SRCS := $(filter-out kernel/vdso/vclock.c,$(wildcard boot/*.S) $(wildcard kernel/*.c kernel/*/*.c kernel/*/*.S))
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS))

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

# Two-pass link: the second pass adds the symbol table for backtraces
# (kernel/lib/ksyms.c explains why addresses do not move).
$(BUILD)/ksyms0.S: scripts/gen-ksyms.sh
	@mkdir -p $(BUILD)
	$(Q)sh scripts/gen-ksyms.sh > $@
$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms0.S.o linker.ld
	@echo "  LD      $@ (pass 1)"
	$(Q)$(LD) $(LDFLAGS_KERNEL) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms0.S.o
$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf scripts/gen-ksyms.sh
	$(Q)NM=$(NM) sh scripts/gen-ksyms.sh $< > $@
$(BUILD)/ksyms0.S.o $(BUILD)/ksyms.S.o: $(BUILD)/%.S.o: $(BUILD)/%.S
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
$(BUILD)/kernel.elf: $(BUILD)/kernel.pass1.elf $(BUILD)/ksyms.S.o scripts/check-kernel-layout.sh
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS_KERNEL) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.S.o
	$(Q)NM=$(NM) sh scripts/check-kernel-layout.sh $(BUILD)/kernel.pass1.elf $@
	$(Q)$(OBJDUMP) -S $@ > $(BUILD)/kernel.asm
	$(Q)$(NM) -n $@ > $(BUILD)/kernel.sym

# ---------------------------------------------------------------- vDSO
# A real shared object, position-independent, no relocations, its own
# linker script and symbol versions; checked by scripts/check-vdso.sh and
# embedded (stripped) into the kernel by kernel/vdso/image.S.
VDSO_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fPIC -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-builtin -MMD -MP -Ikernel/include
$(BUILD)/vdso/vclock.o: kernel/vdso/vclock.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (vDSO)"
	$(Q)$(CC) $(VDSO_CFLAGS) -c $< -o $@
$(BUILD)/vdso/vdso.dbg.so: $(BUILD)/vdso/vclock.o kernel/vdso/vdso.lds
	@echo "  LD      $@"
	$(Q)$(LD) -shared -soname=linux-vdso.so.1 --hash-style=both -z max-page-size=4096 \
		--no-undefined -T kernel/vdso/vdso.lds -o $@ $<
$(BUILD)/vdso/vdso.so: $(BUILD)/vdso/vdso.dbg.so scripts/check-vdso.sh
	$(Q)$(CROSS)objcopy -S $< $@
	$(Q)READELF=$(CROSS)readelf sh scripts/check-vdso.sh $@
$(BUILD)/kernel/vdso/image.S.o: $(BUILD)/vdso/vdso.so
$(BUILD)/kernel/vdso/image.S.o: KERNEL_CFLAGS += -DVDSO_IMAGE='"$(BUILD)/vdso/vdso.so"'

# ---------------------------------------------------------------- libsys
LIBSYS_SRCS := $(wildcard libsys/*.c) kernel/lib/format.c
LIBSYS_OBJS := $(patsubst %.c,$(BUILD)/user-objs/%.o,$(LIBSYS_SRCS))
CRT0 := $(BUILD)/user-objs/libsys/crt0.o

$(BUILD)/user-objs/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@
$(BUILD)/user-objs/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@
$(BUILD)/libsys.a: $(LIBSYS_OBJS)
	$(Q)rm -f $@
	$(Q)$(CROSS)ar rcs $@ $^

# ---------------------------------------------------------------- programs
# Every user/X.c becomes /bin/X; tests/qemu/progs/X.c become /bin/X in the test initrd.
USER_PROGS := $(patsubst user/%.c,%,$(wildcard user/*.c))
TEST_PROGS := $(patsubst tests/qemu/progs/%.c,%,$(wildcard tests/qemu/progs/*.c))

$(BUILD)/bin/%: $(BUILD)/user-objs/user/%.o $(CRT0) $(BUILD)/libsys.a libsys/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS_USER) -o $@ $(CRT0) $< $(BUILD)/libsys.a
# Assembly helpers in tests/qemu/progs/*.S are linked into every test program.
TEST_SUPPORT := $(patsubst %.S,$(BUILD)/user-objs/%.o,$(wildcard tests/qemu/progs/*.S))
$(BUILD)/testbin/%: $(BUILD)/user-objs/tests/qemu/progs/%.o $(TEST_SUPPORT) $(CRT0) $(BUILD)/libsys.a libsys/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS_USER) -o $@ $(CRT0) $< $(TEST_SUPPORT) $(BUILD)/libsys.a

# /bin/sysfuzz is several files: tests/qemu/progs/sysfuzz.c and tests/qemu/progs/sysfuzz/*.[cS].
SYSFUZZ_PARTS := $(patsubst %,$(BUILD)/user-objs/%.o,$(basename $(wildcard tests/qemu/progs/sysfuzz/*.c tests/qemu/progs/sysfuzz/*.S)))
$(BUILD)/testbin/sysfuzz: $(BUILD)/user-objs/tests/qemu/progs/sysfuzz.o $(SYSFUZZ_PARTS) $(CRT0) $(BUILD)/libsys.a libsys/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS_USER) -o $@ $(CRT0) $< $(SYSFUZZ_PARTS) $(BUILD)/libsys.a

# Lab test programs: labs/NN-name/progs/X.c -> build/labbin/labs/NN-name/progs/X.
$(BUILD)/labbin/%: $(BUILD)/user-objs/%.o $(CRT0) $(BUILD)/libsys.a libsys/user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS_USER) -o $@ $(CRT0) $< $(BUILD)/libsys.a

# ---------------------------------------------------------------- real programs
# Programs whose runtime nobody here wrote, run unmodified on teachos and on
# the Linux host (the oracle; tests/qemu/cases_real.py):
#   tests/musl/X.c        -> $(BUILD)/musl/X      -> /bin/X        (musl-gcc -static)
#   tests/go/X/*.go       -> $(BUILD)/go/X-go     -> /bin/X-go     (Go's runtime, static)
#   /bin/busybox (host)   -> $(BUILD)/busybox/busybox -> /bin/busybox (Debian's busybox-static)
# Go programs get "-go" in their name: tests/go/hello is /bin/hello-go, next
# to the libsys /bin/hello; the file in $(BUILD) is the file in the initrd.
MUSL_GCC ?= musl-gcc
MUSL_PROGS := $(patsubst tests/musl/%.c,%,$(wildcard tests/musl/*.c))
MUSL_BINS  := $(addprefix $(BUILD)/musl/,$(MUSL_PROGS))
# musl has its threads in libc; -pthread only defines _REENTRANT, but say it where threads are used.
$(BUILD)/musl/pthreads: MUSL_FLAGS += -pthread
$(BUILD)/musl/%: tests/musl/%.c
	@mkdir -p $(dir $@)
	@echo "  MUSL    $@"
	$(Q)$(MUSL_GCC) -static -O2 $(WARN) $(MUSL_FLAGS) -o $@ $<

# Debian's Go, no cgo, no network: the module (tests/go/go.mod) has no
# dependencies. Every cache and config Go writes stays in $(BUILD) (CI runs
# as root with no HOME set up; `make clean` removes them).
GO       ?= go
GO_PROGS := $(patsubst tests/go/%/main.go,%,$(wildcard tests/go/*/main.go))
GO_BINS  := $(patsubst %,$(BUILD)/go/%-go,$(GO_PROGS))
GO_ENV    = CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=-modcacherw GOPROXY=off GOSUMDB=off \
	GOTOOLCHAIN=local GOCACHE=$(abspath $(BUILD))/go-cache GOPATH=$(abspath $(BUILD))/go-path \
	HOME=$(abspath $(BUILD))/go-home XDG_CONFIG_HOME=$(abspath $(BUILD))/go-home GOENV=off
# A program is rebuilt when any .go file of its directory (or go.mod) changes.
.SECONDEXPANSION:
$(GO_BINS): $(BUILD)/go/%-go: $$(wildcard tests/go/$$*/*.go) tests/go/go.mod
	@mkdir -p $(dir $@)
	@echo "  GO      $@"
	$(Q)cd tests/go && env $(GO_ENV) $(GO) build -trimpath -buildvcs=false -o $(abspath $@) ./$*

BUSYBOX ?= /bin/busybox
$(BUILD)/busybox/busybox: $(BUSYBOX)
	@mkdir -p $(dir $@)
	@echo "  COPY    $@ (from $<)"
	$(Q)cp $< $@

REAL_BINS := $(MUSL_BINS) $(GO_BINS) $(BUILD)/busybox/busybox

# ---------------------------------------------------------------- initrd, ISO
# The lesson's Go hello is in the normal initrd too, so that students can run
# it as init (make run INIT=/bin/hello-go) and from the shell; it adds about
# 1.2 MB. The other real programs are only in the test initrd.
$(BUILD)/initrd.cpio: $(addprefix $(BUILD)/bin/,$(USER_PROGS)) $(BUILD)/go/hello-go scripts/mkinitrd.sh
	@echo "  CPIO    $@"
	$(Q)sh scripts/mkinitrd.sh $@ $(BUILD)/bin $(BUILD)/go/hello-go
# The test initrd adds the in-guest test programs, the real programs, and
# their data files (tests/data/* in /etc).
TEST_DATA := $(wildcard tests/data/*)
$(BUILD)/test-initrd.cpio: $(addprefix $(BUILD)/bin/,$(USER_PROGS)) $(addprefix $(BUILD)/testbin/,$(TEST_PROGS)) $(REAL_BINS) $(TEST_DATA) scripts/mkinitrd.sh
	@echo "  CPIO    $@"
	$(Q)sh scripts/mkinitrd.sh $@ $(BUILD)/bin $(BUILD)/testbin $(BUILD)/musl $(BUILD)/go $(BUILD)/busybox --etc tests/data

# The command line and the initrd are part of the ISO; rebuild it only when
# INIT, ARGS or INITRD change (or what they name).
CMDLINE := init=$(INIT) -- $(ARGS)
$(BUILD)/cmdline.txt: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CMDLINE) $(INITRD)' | cmp -s - $@ || echo '$(CMDLINE) $(INITRD)' > $@
$(BUILD)/os.iso: $(BUILD)/kernel.elf $(INITRD) scripts/mkiso.sh boot/grub.cfg.in $(BUILD)/cmdline.txt
	@echo "  ISO     $@ ($(CMDLINE), $(notdir $(INITRD)))"
	$(Q)sh scripts/mkiso.sh $@ $(BUILD)/kernel.elf $(INITRD) "$(CMDLINE)"
.PHONY: FORCE
FORCE:

all: deps-build $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/test-initrd.cpio $(BUILD)/os.iso
	@echo "Next: 'make run' to boot it, 'make test' to test it."

# ---------------------------------------------------------------- workflows
deps-build:
	@sh scripts/deps.sh build
.PHONY: deps-build

run: all
	@sh scripts/deps.sh run
	@echo "*** Booting $(BUILD)/os.iso with init=$(INIT). Quit QEMU with Ctrl-A then X."
	$(QEMU) $(QEMU_FLAGS) -cdrom $(BUILD)/os.iso; status=$$?; \
	  echo "*** QEMU exited with status $$status (isa-debug-exit: 1 = init exited 0, 3 = failed, 5 = panic, 7 = no init)"

debug: all
	@sh scripts/deps.sh run
	sh scripts/debug.sh $(BUILD) $(GDBPORT) "$(INIT)" "$(QEMU) $(QEMU_FLAGS)"

test: all
	@sh scripts/deps.sh test
	@python3 tests/run_all.py --build $(BUILD)

test-host:
	@sh scripts/deps.sh test
	@python3 tests/run_all.py --build $(BUILD) --only host
test-qemu: all
	@sh scripts/deps.sh test
	@python3 tests/run_all.py --build $(BUILD) --only qemu
test-gdb: all
	@sh scripts/deps.sh test
	@python3 tests/run_all.py --build $(BUILD) --only gdb
# The real programs the kernel cannot run yet (tests/qemu/cases_real.py):
# all, or CASES="go_hello musl_pthreads".
test-pending: all
	@sh scripts/deps.sh test
	@python3 tests/run_all.py --build $(BUILD) --pending $(CASES)

# libFuzzer + ASan + UBSan on the kernel's parsers and formatters
# (tests/fuzz/, docs/fuzzing.md): each fuzzer FUZZ_SECONDS seconds; one
# for longer: make fuzz-host FUZZERS=cpio FUZZ_SECONDS=3600. New inputs
# go to $(BUILD)/fuzz/corpus, crashes to $(BUILD)/fuzz/crashes.
FUZZ_SECONDS ?= 60
fuzz-host:
	@sh scripts/deps.sh fuzz-host
	@$(MAKE) --no-print-directory -C tests/fuzz run BUILD=$(abspath $(BUILD))/fuzz \
		FUZZ_SECONDS=$(FUZZ_SECONDS) $(if $(FUZZERS),FUZZERS="$(FUZZERS)")

bench: all
	@sh scripts/deps.sh run
	@python3 scripts/bench.py --build $(BUILD)

# Debian's kernel package is downloaded once into $(BUILD)/linux (about 70 MB,
# never installed); the results go to $(BUILD)/linux-bench.json, which
# `make bench` shows as its Linux column. LINUX_PACKAGE=linux-image-... picks one.
bench-linux: deps-build $(BUILD)/bin/bench $(BUILD)/bin/clockbench $(BUILD)/bin/epoll-bench $(BUILD)/testbin/exitcode
	@sh scripts/deps.sh bench-linux
	@python3 scripts/bench_linux.py --build $(BUILD)

# /bin/sysfuzz as init: SEED and CALLS pick the run; CHILD=n replays one child
# of it, ONLY=i,j,... only some of that child's calls, VERBOSE=1 prints every
# call (docs/fuzzing.md). The log goes to $(BUILD)/fuzz.log.
SEED    ?= 1
CALLS   ?= 100000
fuzz: all
	@sh scripts/deps.sh test
	@python3 scripts/fuzz.py --build $(BUILD) --seed $(SEED) --calls $(CALLS) \
	  $(if $(CHILD),--child $(CHILD)) $(if $(ONLY),--only $(ONLY)) $(if $(filter 1,$(VERBOSE)),--verbose)

# ---------------------------------------------------------------- labs
# make grade LAB=syscall: build the kernel and /bin, add the lab's test
# programs (labs/NN-syscall/progs/*.c) to an initrd, boot each test of
# labs/NN-syscall/grade.py and print a score (labs/grade.py).
LAB_DIR  = $(firstword $(wildcard labs/[0-9]*-$(LAB)))
LAB_BINS = $(patsubst %.c,$(BUILD)/labbin/%,$(wildcard $(LAB_DIR)/progs/*.c))
grade: deps-build $(BUILD)/kernel.elf $(addprefix $(BUILD)/bin/,$(USER_PROGS)) $(LAB_BINS)
	@sh scripts/deps.sh test
	@if [ -z "$(LAB)" ] || [ -z "$(LAB_DIR)" ]; then \
	  echo "usage: make grade LAB=name, one of:" $$(ls labs | sed -n 's/^[0-9]*-//p'); exit 2; fi
	$(Q)sh scripts/mkinitrd.sh $(BUILD)/lab-$(LAB).cpio $(BUILD)/bin $(BUILD)/labbin/$(LAB_DIR)/progs
	@python3 labs/grade.py --build $(BUILD) $(LAB)

check-labs: all
	@sh scripts/check-labs.sh $(LAB)

compdb:
	bear --output compile_commands.json -- $(MAKE) -B all

clean:
	rm -rf $(BUILD) compile_commands.json

help:
	@sed -n '2,14p' Makefile | sed 's/^# //'

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

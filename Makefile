# Makefile - Minnow's one build: the kernel, boot modules, GRUB ISO, tests, docs, labs.
#
# Everything is built out of tree into $(BUILD) (default build/).  `make V=1` shows every
# command.  Targets (the contract course tools rely on; see README.md):
#   all            the kernel ELF, the boot module list, the GRUB ISO, the root image build/rootfs.img,
#                  the disk of /home build/home.img
#   qemu qemu-nox  boot the ISO (qemu falls back to qemu-nox with no display)
#   qemu-gdb qemu-nox-gdb gdb   QEMU halted with a gdb stub on a private UNIX socket; gdb
#   grade [LAB=x]  the autograder (all tests, or one lab's)
#   check          what CI runs: set-up, build, host unit tests, docs, lab strip proof, the
#                  benchmarks against bench/baseline.json (tools/bench.py --check), the
#                  labs' mutants, grader
#   mutants [LAB=x] every mutant of every lab (or of lab x) is caught by a scored test
#                  (labs/*/mutants.json, tools/labs/mutants.py; MUTANT_JOBS parallel slots)
#   docs           the Doxygen site in $(BUILD)/docs/html (a warning fails)
#   handout LAB=x  the student tree for lab x in $(BUILD)/handout/x
#   bench          the benchmark suite (tools/bench.py, commands/bench/), then the scaling
#                  table; bench-baseline rewrites bench/baseline.json, the figures `make
#                  check` compares against; bench-scale the scaling table alone (about 20 s)
#   bench-boot     wall time to the shell's prompt, ISO and -kernel (tools/bootbench.py)
#   bench-linux    the TCP/HTTP figures of Minnow next to a Debian i386 Linux guest on the same
#                  QEMU (tools/linux_guest.py; needs apt-get and network access: not in check)
#   profile BENCH=x   guest instructions per process and function of a workload
#                  (tools/profile.py; ARGS="--cmd '...'" for any shell command line)
#   compile_commands.json   the compilation database for clangd and editors
#   deps           check, and install where possible, the host packages the build needs

BUILD ?= build
V ?= 0
PYTHON ?= python3
QEMU ?= qemu-system-i386
CC := gcc
LD := ld
OBJCOPY := objcopy
GDB ?= gdb
# The profiler's QEMU plugin (make profile, tools/profile.py)
PROF_PLUGIN := $(BUILD)/tools/tbprof.so

ifeq ($(V),1)
Q :=
say =
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
say =
else
Q := @
say = @printf '  %-4s %s\n' '$(1)' '$(2)';
endif

# Kernel-mode C: freestanding i386, frame pointers for backtraces, DWARF debug info.
KCFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pie -fno-pic -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -mgeneral-regs-only \
	-Wa,--noexecstack \
	-Iinclude -MMD -MP
KLDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 --build-id=none \
	--no-warn-rwx-segments -z noexecstack --fatal-warnings
LIBGCC = $(shell $(CC) -m32 -print-libgcc-file-name)

comma := ,

# objs_of: source paths -> object paths under $(BUILD)
objs_of = $(patsubst %.c,$(BUILD)/%.o,$(patsubst %.S,$(BUILD)/%.o,$(1)))

.PHONY: all clean qemu qemu-nox qemu-gdb qemu-nox-gdb gdb grade check fuzz docs handout \
	bench bench-baseline bench-scale bench-boot bench-linux profile deps deps-quiet unittest strip-proof mutants iso user-programs compile_commands.json FORCE
all: deps-quiet $(BUILD)/kernel/kernel.elf user-programs $(BUILD)/boot/modules.txt iso $(BUILD)/rootfs.img \
	$(BUILD)/tests/system.conf \
	$(BUILD)/home.img $(PROF_PLUGIN)

include kernel/Makefile.inc
include lib/Makefile.inc
include commands/Makefile.inc
include servers/Makefile.inc
include drivers/Makefile.inc
include tools/mfs/Makefile.inc

user-programs: $(USER_PROGRAMS)

# Objects depend on the flags they were built with: changing KCFLAGS rebuilds them.
$(BUILD)/kflags.txt: FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(KCFLAGS) $(KLDFLAGS)' > $@.tmp
	$(Q)cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

# Every object is compiled by compile_c: $(CC) with the flags its target sets in CFLAGS_HERE
# (KERNEL_CFLAGS, UCFLAGS, ...).  It also records the command, exactly as the shell got it,
# in <object>.cmd, which `make compile_commands.json` collects (tools/compiledb.py).
COMPILE = $(CC) $(CFLAGS_HERE) -c -o $@ $<
shquote = '$(subst ','\'',$(1))'
define compile_c
$(call say,$(if $(filter %.S,$<),AS,CC),$@)
$(Q)mkdir -p $(@D)
$(Q)$(COMPILE)
$(Q)printf '%s\n' $(call shquote,$(COMPILE)) > $@.cmd
endef

$(BUILD)/%.o: %.c $(BUILD)/kflags.txt
	$(compile_c)

$(BUILD)/%.o: %.S $(BUILD)/kflags.txt
	$(compile_c)

# ---- boot modules and the GRUB ISO -------------------------------------------------------
# The boot image, in load order: each entry is a program's ELF, optionally followed by
# ":" and comma-separated module arguments, read by RS: label=..., sf=synch (the boot
# order), sf=core (a core server: never stopped, restarted or updated, root's kill -9 is
# EPERM, its death is fatal) and sf=restart (RS restarts it when it dies, from the same
# program installed as /service/<name>: BOOT_SERVICE_PROGRAMS below; handouts/rs.md,
# "Boot services"; the memory driver and the root MFS serve the root file system, so /etc/rc
# has RS keep a standby replica of each: their restart cannot read their program from the
# disk they serve).  The privileges of each service come from
# etc/system.conf, its last module (RS reads it: servers/rs/boot.c); a program without an
# entry there (init) is a user process.
# A module with the argument type=data is not a program but data (the root image, which the
# memory driver serves as /dev/imgrd, and system.conf): the kernel makes no process of it.
# The root image must be the first data module (drivers/memory/imgrd.c takes the first).
# RS starts the boot services in this order, waiting for each sf=synch one: VFS must come
# after DS, the memory driver and the file servers it mounts (mfs, pfs), and before init.
# Boot services take their fixed slots whatever the order (kernel/boot.c).  The grader
# boots $(KERNEL_ELF) with the modules listed in $(BUILD)/boot/modules.txt.  The disk
# driver at_wini is not a boot module but /service/at_wini, which /etc/rc starts with
# `service up` before it mounts /home (so RS restarts it when it dies); /home's file server
# is a second MFS, $(MFS_HOME) (the same program under another name: one MFS serves one
# mount; the name is its label).
MFS_HOME := $(BUILD)/servers/mfs/home/mfs_home
$(MFS_HOME): $(BUILD)/servers/mfs/mfs
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@
BOOT_IMAGE := \
	$(BUILD)/servers/pm/pm:sf=core \
	$(BUILD)/servers/rs/rs:sf=core \
	$(BUILD)/servers/ds/ds:sf=restart \
	$(BUILD)/drivers/memory/memory:sf=synch,sf=restart \
	$(BUILD)/drivers/tty/tty:sf=restart \
	$(BUILD)/drivers/log/log:sf=restart \
	$(BUILD)/rootfs.img:type=data \
	$(BUILD)/servers/mfs/mfs:sf=synch,sf=restart \
	$(MFS_HOME):sf=restart \
	$(BUILD)/servers/pfs/pfs:sf=synch,sf=restart \
	$(BUILD)/servers/vfs/vfs:sf=synch,sf=core \
	$(BUILD)/servers/vm/vm:sf=core \
	$(INIT_PROGRAM) \
	etc/system.conf:type=data
BOOT_MODULES := $(foreach m,$(BOOT_IMAGE),$(firstword $(subst :, ,$(m))))
# The system.conf of the grader's boots: the services' entries and the test services'.
TEST_SYSCONF := $(BUILD)/tests/system.conf
$(TEST_SYSCONF): etc/system.conf commands/tests/system.conf
	$(Q)mkdir -p $(@D)
	$(Q)cat $^ > $@
# KARGS: extra kernel command-line words for `make qemu`, e.g. make qemu KARGS="hz=250".
KARGS ?=

$(BUILD)/boot/modules.txt: FORCE
	$(Q)mkdir -p $(@D)
	$(Q)( : $(foreach m,$(BOOT_IMAGE),; echo '$(subst $(comma), ,$(subst :, ,$(m)))') ) > $@.tmp
	$(Q)cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

# GRUB reads every byte of every module through the BIOS, about 30 ms of host time per MiB
# even over AHCI (handouts/boot.md, "The GRUB boot's time"), so the ISO's modules are as
# small as they can be: the kernel and the programs without debug information (gdb reads the
# build's ELFs, not these), and the root image packed by $(IMGPACK) (include/minnow/
# imgpack.h: 16 MiB become about 2), which the kernel unpacks at boot (kernel/boot.c);
# GRUB's own gzip and xz readers cost more time than the bytes they save.  The grader's
# -kernel boots load the plain image (QEMU copies it from the host in milliseconds).
# The packer unpacks its output with the kernel's unpacker and compares: a packed image
# that would not come back byte for byte fails the build.
# GRUB itself: a core image for a CD (El Torito, no emulation) with only the CD and
# ISO 9660 drivers built in and $(GRUB_CFG) as its built-in configuration, which loads the
# multiboot module from /boot/grub/i386-pc/ (every module of the host's GRUB is copied
# there) and boots at once: no menu, no normal mode (which costs about 60 ms before its
# first command).  xorriso writes the CD image (with Rock Ridge names).
ISO := $(BUILD)/minnow.iso
ISODIR := $(BUILD)/iso
GRUB_DIR := /usr/lib/grub/i386-pc
GRUB_CFG := $(BUILD)/boot/grub.cfg
IMGPACK := $(BUILD)/tools/imgpack
ROOTFS_PACKED := $(BUILD)/rootfs.pack
ISO_IMAGE := $(subst $(BUILD)/rootfs.img:,$(ROOTFS_PACKED):,$(BOOT_IMAGE))
ISO_MODULES := $(foreach m,$(ISO_IMAGE),$(firstword $(subst :, ,$(m))))
iso: $(ISO)

# the packer: a host program, with the kernel's unpacker compiled for the host
IMGPACK_OBJS := $(BUILD)/tools/imgpack.o $(BUILD)/tools/imgpack-unpack.o
$(BUILD)/tools/imgpack.o: tools/imgpack.c
$(BUILD)/tools/imgpack-unpack.o: lib/imgpack/unpack.c
$(IMGPACK_OBJS):
	$(call say,HOSTCC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -c -o $@ $<
	$(Q)printf '%s\n' $(call shquote,$(HOSTCC) $(HOST_CFLAGS) -c -o $@ $<) > $@.cmd

$(IMGPACK): $(IMGPACK_OBJS)
	$(Q)$(HOSTCC) -o $@ $^

$(ROOTFS_PACKED): $(BUILD)/rootfs.img $(IMGPACK)
	$(call say,PACK,$@)
	$(Q)$(IMGPACK) -o $@ $(BUILD)/rootfs.img

$(GRUB_CFG): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)$(PYTHON) tools/grubcfg.py --kargs "$(KARGS)" $(ISO_IMAGE) > $@.tmp
	$(Q)cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

$(ISO): $(KERNEL_ELF) $(GRUB_CFG) $(ISO_MODULES)
	$(call say,ISO,$@)
	$(Q)rm -rf $(ISODIR) && mkdir -p $(ISODIR)/boot/mod $(ISODIR)/boot/grub/i386-pc
	$(Q)$(OBJCOPY) --strip-debug $(KERNEL_ELF) $(ISODIR)/boot/kernel.elf
	$(Q)for m in $(ISO_MODULES); do case $$m in \
		*.pack|*.conf) cp $$m $(ISODIR)/boot/mod/ ;; \
		*) $(OBJCOPY) --strip-debug $$m $(ISODIR)/boot/mod/$${m##*/} ;; esac; done
	$(Q)cp $(GRUB_DIR)/*.mod $(ISODIR)/boot/grub/i386-pc/
	$(Q)grub-mkimage -O i386-pc-eltorito -d $(GRUB_DIR) -p /boot/grub -c $(GRUB_CFG) \
		-o $(ISODIR)/boot/grub/eltorito.img biosdisk iso9660
	$(Q)xorriso -as mkisofs -R -b boot/grub/eltorito.img -no-emul-boot -boot-load-size 4 \
		-boot-info-table -o $@ $(ISODIR) >$(BUILD)/xorriso.log 2>&1 || \
		{ cat $(BUILD)/xorriso.log; rm -f $@; exit 1; }

# ---- running ---------------------------------------------------------------------------
# The disk of /home: the primary IDE master.  `make qemu` uses its own copy of the pristine
# build/home.img, made once, so that what is written to /home persists between runs
# (rm $(HOME_QEMU_IMG) for a fresh one).  The BIOS boots the CD (ISO_BOOT below), not the
# disk (whose MBR has no boot code).
HOME_QEMU_IMG := $(BUILD)/home-qemu.img
# The network card (handouts/netdriver.md): NIC=e1000 (the default), fxp (an i82559er),
# rtl8139 or none, on QEMU's user networking; /etc/rc starts its driver as <driver>_0
# (handouts/netdriver.md, "At boot"); HOSTFWD=8080:80[,...] forwards host
# 127.0.0.1:8080 to the guest's port 80; QEMUEXTRA="..." is appended to QEMU's options.
NIC ?= e1000
HOSTFWD ?=
QEMUEXTRA ?=
NIC_MODEL = $(if $(filter fxp,$(NIC)),i82559er,$(NIC))
empty :=
space := $(empty) $(empty)
NET_FWD = $(subst $(space),,$(foreach f,$(subst $(comma), ,$(HOSTFWD)),,hostfwd=tcp:127.0.0.1:$(subst :,-:,$(f))))
QEMUNET = $(if $(filter none,$(NIC)),-nic none,-netdev user,id=n0$(NET_FWD) \
	-device $(NIC_MODEL),netdev=n0)
QEMUOPTS := -m 128 -no-reboot -serial mon:stdio \
	-drive file=$(HOME_QEMU_IMG),format=raw,if=ide,index=0,media=disk $(QEMUNET) $(QEMUEXTRA)
# The CD: the ISO on a drive of an AHCI controller, which the BIOS boots first (bootindex=0).
# SeaBIOS reads an AHCI drive by DMA; the IDE CD (-cdrom) it reads by port I/O, one 16-bit
# word at a time, each a trip out of QEMU's translated code: GRUB took 2.7 times as long to
# read the modules from it.  Minnow has no AHCI driver: the controller is idle once GRUB is
# done (at_wini takes IDE functions only).
ISO_BOOT = -device ahci,id=ahci -drive id=cd,file=$(ISO),if=none,media=cdrom,format=raw \
	-device ide-cd,bus=ahci.0,drive=cd,bootindex=0

$(HOME_QEMU_IMG): | $(BUILD)/home.img
	cp $(BUILD)/home.img $@
HAVE_DISPLAY := $(if $(DISPLAY)$(WAYLAND_DISPLAY),yes,)
GDBSOCK := $(BUILD)/gdb.sock

qemu: deps all $(HOME_QEMU_IMG)
ifeq ($(HAVE_DISPLAY),yes)
	$(QEMU) $(ISO_BOOT) $(QEMUOPTS)
else
	@echo "(no display: running like make qemu-nox; quit with Ctrl-A X)"
	$(QEMU) $(ISO_BOOT) $(QEMUOPTS) -display none
endif

qemu-nox: deps all $(HOME_QEMU_IMG)
	@echo "(quit with Ctrl-A X)"
	$(QEMU) $(ISO_BOOT) $(QEMUOPTS) -display none

GDBHELLO = @echo "*** QEMU is halted, its gdb stub on $(GDBSOCK): run 'make gdb' in another terminal"

qemu-gdb: deps all $(HOME_QEMU_IMG)
	$(Q)tools/gdbinit.sh $(GDBSOCK) $(KERNEL_ELF) $(BUILD)/boot/modules.txt $(BUILD) > $(BUILD)/gdbinit
	$(GDBHELLO)
	$(QEMU) $(ISO_BOOT) $(QEMUOPTS) $(if $(HAVE_DISPLAY),,-display none) \
		-S -gdb unix:$(GDBSOCK),server,nowait

qemu-nox-gdb: deps all $(HOME_QEMU_IMG)
	$(Q)tools/gdbinit.sh $(GDBSOCK) $(KERNEL_ELF) $(BUILD)/boot/modules.txt $(BUILD) > $(BUILD)/gdbinit
	$(GDBHELLO)
	$(QEMU) $(ISO_BOOT) $(QEMUOPTS) -display none -S -gdb unix:$(GDBSOCK),server,nowait

gdb:
	@test -f $(BUILD)/gdbinit || { echo "run 'make qemu-gdb' in another terminal first"; exit 1; }
	$(GDB) -nx -x $(BUILD)/gdbinit

# ---- tests, docs, labs -----------------------------------------------------------------
LAB ?=
# The whole suite runs GRADE_JOBS tests at a time: most of a test's time is QEMU waiting
# (the guest idle, a timer, a restart's back-off), so four boots on two cores keep them busy
# (652 tests: 12 min with -j 2 before the grader's schedule (grader/durations.py), 3.8 min
# with -j 4).  One lab's tests run one at a time, each line printed as it finishes.
GRADE_JOBS ?= 4
grade: deps all
	$(PYTHON) -m grader --no-build $(if $(LAB),--lab $(LAB),-j $(GRADE_JOBS))

unittest: $(MFS_TOOLS)
	$(PYTHON) -m unittest discover -s grader/selftest -t .
	$(PYTHON) -m unittest discover -s tools/tests -t .

docs:
	$(Q)mkdir -p $(BUILD)/docs
	$(Q)doxygen Doxyfile

handout:
	@test -n "$(LAB)" || { echo "usage: make handout LAB=name (labs: $$(ls labs | grep -v README))"; exit 2; }
	$(PYTHON) tools/labs/handout.py $(LAB)

strip-proof:
	$(PYTHON) tools/labs/strip_proof.py $(if $(LAB),--lab $(LAB))

# Each slot builds and boots one mutant at a time: one QEMU per slot.
MUTANT_JOBS ?= 2
# make check builds with this many jobs (a clean clone's build is 750 steps)
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# make check runs a sample of MUTANT_SAMPLE mutants per lab (rotating with the commit);
# `make mutants` runs them all (CI runs it after make check).
MUTANT_SAMPLE ?= 1
mutants:
	$(PYTHON) tools/labs/mutants.py -j $(MUTANT_JOBS) $(if $(LAB),--lab $(LAB))

# CI: the grader runs last so its "N passed, N failed" is the final line.
check: deps
	$(MAKE) --no-print-directory -j$(CHECK_JOBS) all
	$(FSCK_MFS) $(ROOTFS)
	@# the host tests and Doxygen side by side, each one's output in one piece
	$(MAKE) --no-print-directory -j2 -O unittest docs
	@# every mutant's find text still occurs once (seconds, before the long runs)
	@$(PYTHON) tools/labs/mutants.py --list > $(BUILD)/mutants-list.txt || \
		{ cat $(BUILD)/mutants-list.txt; exit 1; }
	@# two labs at a time, one per core
	$(PYTHON) tools/labs/strip_proof.py --parallel 2
	@# no benchmark figure more than 5% above bench/baseline.json (the checked figures only)
	$(PYTHON) tools/bench.py --check
	@# no control runs: the strip proof just graded every lab's tests on this tree
	$(PYTHON) tools/labs/mutants.py -j $(MUTANT_JOBS) --sample $(MUTANT_SAMPLE) --no-control
	$(PYTHON) -m grader --no-build -j $(GRADE_JOBS)

bench: all
	$(PYTHON) tools/bench.py

bench-baseline: all
	$(PYTHON) tools/bench.py --update-baseline

bench-scale: all
	$(PYTHON) tools/bench.py --scale

# Wall time to the shell's prompt, median of 10 boots of each path: the ISO as make qemu
# boots it, and -kernel with the grader's modules (tools/bootbench.py; about a minute).
bench-boot: all $(HOME_QEMU_IMG)
	$(PYTHON) tools/bootbench.py --iso-args "$(ISO_BOOT)" \
		--opts "$(QEMUOPTS) -display none -snapshot" --kernel $(KERNEL_ELF) \
		--modules $(BUILD)/boot/modules.txt

bench-linux: all
	$(PYTHON) tools/linux_guest.py

# The profiler's QEMU plugin (tools/profile/tbprof.c): a host shared object.
$(PROF_PLUGIN): tools/profile/tbprof.c
	$(Q)mkdir -p $(@D)
	$(call say,CC,$@)$(HOSTCC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -shared -fPIC \
		-fvisibility=hidden -o $@ $<

BENCH ?=
profile: all
	$(PYTHON) tools/profile.py $(BENCH) $(ARGS)

# The robustness campaigns at full size (grader/tests/fuzz_*.py, hours; make check runs a
# short slice of each); the table of their figures at the end.
FUZZ_JOBS ?= 2
fuzz: deps all
	rm -rf $(BUILD)/grade/fuzz
	MINNOW_FUZZ=full $(PYTHON) -m grader --no-build -j $(FUZZ_JOBS) fuzz_; \
		rc=$$?; $(PYTHON) tools/fuzz_table.py $(BUILD)/grade/fuzz && exit $$rc

deps:
	$(Q)tools/deps.sh

deps-quiet:
	$(Q)tools/deps.sh --quiet

clean:
	rm -rf $(BUILD)

# ---- compilation database ------------------------------------------------------------
# compile_commands.json (clang's format, for clangd and editors): one entry per compile of the
# build, C and assembly, kernel and user and host, with the exact command: tools/compiledb.py
# reads the <output>.cmd each compile leaves (compile_c above; tools/mfs/Makefile.inc and the
# packer's rule above for the host tools).  Outputs built before commands were recorded are compiled again first.
COMPILED_OUTPUTS = $(sort $(KERNEL_UNPAGED_OBJS) $(KERNEL_OBJS) $(KERNEL_KSYMTAB_OBJS) \
	$(USER_LIB_OBJS) $(USER_PROGRAM_OBJS) $(MFS_TOOLS) $(IMGPACK_OBJS))

compile_commands.json:
	$(Q)rm -f $(filter-out $(patsubst %.cmd,%,$(wildcard $(COMPILED_OUTPUTS:=.cmd))),\
		$(COMPILED_OUTPUTS))
	$(Q)$(MAKE) --no-print-directory all
	$(call say,GEN,$@)
	$(Q)$(PYTHON) tools/compiledb.py --directory $(CURDIR) $(COMPILED_OUTPUTS) > $@.tmp
	$(Q)mv $@.tmp $@

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

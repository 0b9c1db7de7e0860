#!/bin/sh
# deps.sh - check the host tools Minnow's build, boot, tests and docs need; install the
# missing ones with apt-get when we can (root, or sudo without a password), otherwise name
# them and fail.  `--quiet` prints nothing when all is present (the normal `make` path).
#
# Packages: gcc-multilib (gcc -m32), qemu-system-x86, grub-pc-bin and grub-common
# (grub-mkimage and GRUB's modules for i386-pc), xorriso (the CD image), gdb, doxygen,
# python3.  A stamp in build/ makes the check free once it has passed.
set -u
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1
stamp=${BUILD:-build}/.deps-ok
here=$(dirname "$0")
if [ -f "$stamp" ] && [ "$stamp" -nt "$here/deps.sh" ]; then
	exit 0
fi

missing=""
need() {	# need PACKAGE TEST-COMMAND...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}
m32_works() {
	printf '#include <stdint.h>\nint main(void){return 0;}\n' |
		gcc -m32 -x c -o /dev/null - 2>/dev/null
}
need gcc-multilib m32_works
need qemu-system-x86 command -v qemu-system-i386
need grub-pc-bin test -d /usr/lib/grub/i386-pc
need grub-common command -v grub-mkimage
need xorriso command -v xorriso
need gdb command -v gdb
need doxygen command -v doxygen
need python3 command -v python3
need binutils command -v objcopy

if [ -z "$missing" ]; then
	mkdir -p "$(dirname "$stamp")" && touch "$stamp"
	[ $quiet = 1 ] || echo "deps: all host tools present"
	exit 0
fi

echo "deps: missing packages:$missing"
if command -v apt-get >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
			echo "deps: not root and no password-less sudo; install them with:"
			echo "  sudo apt-get install$missing"
			exit 1
		fi
	fi
	echo "deps: installing with apt-get (this happens once)"
	$sudo apt-get update -qq >/dev/null 2>&1 || true
	if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null; then
		exec "$0" "$@"
	fi
	echo "deps: apt-get install failed; install these packages:$missing"
	exit 1
fi
echo "deps: no apt-get here; install the equivalents of:$missing"
exit 1

#!/usr/bin/env python3
"""Write the GRUB configuration of Minnow's boot ISO to standard output.

The configuration is built into GRUB's core image (grub-mkimage -c: see the Makefile's ISO
rule), which runs its commands one by one as soon as GRUB starts: no menu and no normal
mode, whose modules GRUB would first read from the CD (handouts/boot.md, "The GRUB boot's
time").  It loads the multiboot module, then /boot/kernel.elf as a multiboot kernel with
the given extra command-line words, then each boot module from /boot/mod/ in the order
given, and boots.

Usage: grubcfg.py [--kargs "hz=250 ..."] [module.elf[:arg,arg...] ...]
"""
import argparse
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kargs", default="")
    ap.add_argument("modules", nargs="*")
    args = ap.parse_args()
    print("insmod multiboot")
    print(("multiboot /boot/kernel.elf %s" % args.kargs.strip()).rstrip())
    for mod in args.modules:
        path, _, margs = mod.partition(":")
        name = os.path.basename(path)
        print("module /boot/mod/%s %s" % (name, " ".join([name] + margs.split(",")).strip()))
    print("boot")


if __name__ == "__main__":
    main()

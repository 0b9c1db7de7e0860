#!/usr/bin/env python3
"""Write the GRUB configuration of Minnow's boot ISO to standard output.

GRUB boots at once (timeout 0), loads /boot/kernel.elf as a multiboot kernel with the given
extra command-line words, then each boot module from /boot/mod/ in the order given.

Usage: grubcfg.py [--kargs "hz=250 ..."] [module.elf[:arg,arg...] ...]
"""
import argparse
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kargs", default="")
    ap.add_argument("modules", nargs="*")
    args = ap.parse_args()
    print("set timeout=0")
    print("set default=0")
    print('menuentry "Minnow" {')
    print("\tmultiboot /boot/kernel.elf %s" % args.kargs.strip())
    for mod in args.modules:
        path, _, margs = mod.partition(":")
        name = os.path.basename(path)
        print("\tmodule /boot/mod/%s %s" % (name, " ".join([name] + margs.split(",")).strip()))
    print("\tboot")
    print("}")


if __name__ == "__main__":
    main()

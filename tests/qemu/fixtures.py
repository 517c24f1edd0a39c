"""fixtures.py - build special initrds for the QEMU tests: archives written
with a small cpio newc writer (names without "./", missing parent
directories, symlinks), truncated or corrupt archives, and malformed ELF
programs. Each fixture has a one-line note saying what is wrong with it."""

import os
import struct


def cpio_member(name, data=b"", mode=0o100755):
    """One newc member: 110-byte ASCII header, name + NUL padded to 4, data padded to 4."""
    name_bytes = name.encode() + b"\0"
    fields = [0, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_bytes), 0]
    header = b"070701" + b"".join(b"%08x" % f for f in fields)
    out = header + name_bytes
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def cpio_archive(members):
    """members: list of (name, data, mode). Ends with the TRAILER!!! member."""
    blob = b"".join(cpio_member(n, d, m) for n, d, m in members)
    return blob + cpio_member("TRAILER!!!", b"", 0)


def patch(data, offset, fmt, value):
    data = bytearray(data)
    struct.pack_into(fmt, data, offset, value)
    return bytes(data)


def first_phdr_of_type(elf, ptype):
    phoff, = struct.unpack_from("<Q", elf, 32)
    phnum, = struct.unpack_from("<H", elf, 56)
    for i in range(phnum):
        off = phoff + 56 * i
        if struct.unpack_from("<I", elf, off)[0] == ptype:
            return off
    raise ValueError("no program header of type %d" % ptype)


PT_LOAD, PT_INTERP = 1, 3


def last_load(elf):
    phoff, = struct.unpack_from("<Q", elf, 32)
    phnum, = struct.unpack_from("<H", elf, 56)
    loads = [phoff + 56 * i for i in range(phnum)
             if struct.unpack_from("<I", elf, phoff + 56 * i)[0] == PT_LOAD]
    return loads[-1]


def malformed_elves(good):
    """(name, bytes, note) for ELF files the kernel must refuse with ENOEXEC."""
    load = first_phdr_of_type(good, PT_LOAD)
    return [
        ("truncated", good[:40], "ELF header cut at 40 bytes"),
        ("badmagic", b"\x7fELG" + good[4:], "magic is 7f 'E' 'L' 'G'"),
        ("elf32", patch(good, 4, "<B", 1), "EI_CLASS says 32-bit"),
        ("bigendian", patch(good, 5, "<B", 2), "EI_DATA says big-endian"),
        ("i386", patch(good, 18, "<H", 3), "e_machine is EM_386"),
        ("relocatable", patch(good, 16, "<H", 1), "e_type is ET_REL"),
        ("phdrs_outside", patch(good, 32, "<Q", len(good) + 64), "e_phoff beyond the end of the file"),
        ("kernel_segment", patch(good, load + 16, "<Q", 0xffffffff80000000), "PT_LOAD at the kernel's address"),
        ("huge_segment", patch(good, load + 40, "<Q", 1 << 62), "p_memsz of 4 EiB"),
        ("filesz_gt_memsz", patch(good, load + 32, "<Q", 1 << 40), "p_filesz larger than the file and p_memsz"),
        ("dynamic", patch(good, load, "<I", PT_INTERP), "a PT_INTERP header: needs a dynamic linker"),
        ("huge_bss", patch(good, last_load(good) + 40, "<Q", 1 << 30),
         "a valid 1 GiB .bss: more than the machine has, but never touched (not malformed)"),
        ("text_file", b"#!/bin/sh\n" + b"echo this is not an ELF file\n" * 4, "a shell script"),
        ("empty", b"", "a zero-length file"),
    ]


def write_fixtures(build):
    """Write every fixture initrd into build/fixtures; returns their paths by name."""
    out = os.path.join(build, "fixtures")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(build, "bin", "hello"), "rb") as f:
        hello = f.read()
    with open(os.path.join(build, "testbin", "args"), "rb") as f:
        args = f.read()
    with open(os.path.join(build, "test-initrd.cpio"), "rb") as f:
        good_archive = f.read()
    paths = {}

    def save(name, blob):
        path = os.path.join(out, name + ".cpio")
        with open(path, "wb") as f:
            f.write(blob)
        paths[name] = path

    # Names without "./", no directory members at all, plus a symlink and a device node.
    save("plain_names", cpio_archive([
        ("bin/hello", hello, 0o100755),
        ("/bin/args", args, 0o100755),
        ("./etc/link", b"/bin/hello", 0o120777),
        ("dev/console", b"", 0o020600),
    ]))
    # Malformed ELF programs, all in one archive: /bin/<name>.
    save("bad_elves", cpio_archive(
        [("bin/hello", hello, 0o100755)] +
        [("bin/" + name, blob, 0o100755) for name, blob, _ in malformed_elves(hello)]))
    # Broken archives.
    save("truncated", good_archive[:len(good_archive) // 2])        # cut in the middle
    save("badmagic", b"070707" + good_archive[6:])                   # old binary cpio magic
    save("nonhex", good_archive[:14] + b"zz" + good_archive[16:])   # mode field not hex
    save("no_trailer", cpio_archive([("bin/hello", hello, 0o100755)])[:-124])  # trailer cut off
    save("empty", b"")
    return paths

#!/usr/bin/env python3
"""Makes the benchmark's inputs, deterministically. Usage: gen.py KIND DIR."""
import os
import random
import sys

kind, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(42)
TEXT = (b"the kubelet runs from the hyperkube image under rkt, started by systemd units; " * 60)[:4096]


def half_compressible(path, size):
    """Alternating 4 KiB blocks of random bytes and text: compresses to about half."""
    noise = rng.randbytes(1 << 20)
    with open(path, "wb") as f:
        written = 0
        block = 0
        while written < size:
            n = min(4096, size - written)
            if block % 2 == 0:
                start = (block * 4096) % ((1 << 20) - 4096)
                f.write(noise[start:start + n])
            else:
                f.write(TEXT[:n])
            written += n
            block += 1


def sparse_ish(path, size):
    """Mostly holes, with 1 MiB of half-compressible data every 256 MiB."""
    with open(path, "wb") as f:
        f.truncate(size)
        for offset in range(0, size, 256 << 20):
            f.seek(offset)
            f.write(rng.randbytes(512 << 10) + TEXT * 128)


if kind == "256m":
    half_compressible(os.path.join(out, "data.bin"), 256 << 20)
elif kind == "1g":
    half_compressible(os.path.join(out, "data.bin"), 1 << 30)
elif kind == "5g":
    sparse_ish(os.path.join(out, "data.img"), 5 << 30)
elif kind == "small":
    for d in range(200):
        sub = os.path.join(out, "d%03d" % d)
        os.makedirs(sub, exist_ok=True)
        for i in range(100):
            with open(os.path.join(sub, "f%03d" % i), "wb") as f:
                f.write(rng.randbytes(2048) + TEXT[:2048])
else:
    sys.exit("unknown kind " + kind)

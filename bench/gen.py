#!/usr/bin/env python3
"""Makes the benchmark's inputs, deterministically. Usage: gen.py KIND DIR."""
import os
import random
import sys

kind, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(42)
TEXT = (b"the kubelet runs from the hyperkube image under rkt, started by systemd units; " * 60)[:4096]


SIXTEEN_SYMBOLS = bytes(ord("a") + (b & 15) for b in range(256))


def half_compressible(path, size):
    """Sixteen symbols at random: four bits of entropy a byte, so every compressor gets it to about
    half, and gzip works as hard as on real mixed data (rpmbuild's gzip 6 takes the time the issue
    measured)."""
    with open(path, "wb") as f:
        written = 0
        while written < size:
            n = min(64 << 20, size - written)
            f.write(rng.randbytes(n).translate(SIXTEEN_SYMBOLS))
            written += n


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

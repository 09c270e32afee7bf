package io.rpmkit.write;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.rpmkit.Console;

/** Logs a long build's progress every few seconds: bytes done, share and rate. */
final class Progress {
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final Console console;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastReport = start;

    Progress(Console console, long total) {
        this.console = console;
        this.total = total;
    }

    /** Reports what is read through {@code in} as it is read, so one large file shows progress too. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }
        };
    }

    void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            double seconds = (now - start) / 1e9;
            console.info(String.format(java.util.Locale.ROOT, "Packaged %.0f of %.0f MiB (%d%%) at %.1f MiB/s",
                    done / MIB, total / MIB, total == 0 ? 100 : done * 100 / total, done / MIB / seconds));
        }
    }
}

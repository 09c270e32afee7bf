package io.rpmkit.hostile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import io.rpmkit.Choices;
import io.rpmkit.Console;
import io.rpmkit.PackagingException;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;
import io.rpmkit.write.RpmWriter;

/**
 * Builds one large package in its own JVM, for tests that kill it half-way or compare its bytes
 * across JVM settings: {@code LargePackageMain OUTPUT MIB COMPRESSION}. Prints "started" once the
 * writer is called; exits 0 when the package is written, 2 with the message on a PackagingException.
 */
public final class LargePackageMain {
    private LargePackageMain() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        Compression compression = Choices.find(Compression.class, args[2]).orElseThrow();
        Console console = new Console() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARN " + message);
            }
        };
        try {
            PackageSpec spec = spec(size, compression);
            System.out.println("started");
            new RpmWriter(console).write(spec, output);
        } catch (PackagingException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }

    static PackageSpec spec(long size, Compression compression) throws PackagingException {
        return PackageSpec.builder()
                .name("large")
                .version("1.0")
                .summary("A large generated package")
                .license("Apache-2.0")
                .buildTime(Instant.parse("2026-11-24T10:00:00Z"))
                .targetRpm(TargetRpm.EL8) // reads every compression we write
                .compression(compression, null)
                .entry(Entry.directory("/opt/large"))
                .entry(Entry.file("/opt/large/data.bin", new GeneratedContent(size, 1)))
                .entry(Entry.file("/opt/large/small.txt",
                        Content.ofBytes("small\n".getBytes(StandardCharsets.US_ASCII), "inline")))
                .build();
    }
}

package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.rpmkit.Console;
import io.rpmkit.format.FileFlag;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.TagType;
import io.rpmkit.read.HeaderEntry;
import io.rpmkit.read.RpmFile;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;
import io.rpmkit.spec.Compression;
import io.rpmkit.spec.Entry;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.testing.RpmGeneration;
import io.rpmkit.testing.SamplePackages;

/** Build, read back with our reader, then ask the real rpm the same questions. */
class RoundTripTest {
    @TempDir
    Path dir;

    private RpmPackage buildAndRead(PackageSpec spec) throws Exception {
        Path output = dir.resolve(spec.fileName());
        new RpmWriter(Console.SILENT).write(spec, output);
        return RpmReader.read(output);
    }

    @Test
    void readerGetsBackWhatTheWriterWrote() throws Exception {
        PackageSpec spec = SamplePackages.everything(dir).build();
        RpmPackage pkg = buildAndRead(spec);
        assertEquals(spec.name(), pkg.name());
        assertEquals(spec.version(), pkg.version());
        assertEquals(spec.release(), pkg.release());
        assertEquals(spec.summary(), pkg.summary().orElseThrow());
        assertEquals(spec.description(), pkg.description().orElseThrow());
        assertEquals(spec.buildTime(), pkg.buildTime().orElseThrow());
        assertTrue(pkg.verifyDigests().allOk(), () -> {
            try {
                return pkg.verifyDigests().toString();
            } catch (Exception e) {
                return e.toString();
            }
        });

        Map<String, RpmFile> files = new TreeMap<>();
        pkg.files().forEach(f -> files.put(f.path(), f));
        assertEquals(spec.entries().stream().map(Entry::path).sorted().toList(), List.copyOf(files.keySet()));
        for (Entry entry : spec.entries()) {
            RpmFile file = files.get(entry.path());
            assertEquals(entry.fileMode(), file.mode(), entry.path());
            assertEquals(entry.user(), file.user(), entry.path());
            assertEquals(entry.flags().stream().mapToInt(FileFlag::bit).sum(), file.flags(), entry.path());
            assertEquals(entry.linkTarget() == null ? "" : entry.linkTarget(), file.linkTo(), entry.path());
        }

        Map<String, byte[]> contents = new TreeMap<>();
        pkg.forEachPayloadEntry(e -> contents.put("/" + e.name(), e.content().readAllBytes()));
        assertEquals("#!/bin/sh\necho hello\n",
                new String(contents.get("/usr/share/sample/bin/hello"), StandardCharsets.UTF_8));
        assertEquals(200_000, contents.get("/usr/share/sample/data.bin").length);
        assertTrue(!contents.containsKey("/var/lib/sample.state"), "ghosts stay out of the payload");
    }

    @Test
    void everyCompressionReadsBack() throws Exception {
        for (Compression compression : Compression.values()) {
            RpmPackage pkg = buildAndRead(SamplePackages.everything(dir).compression(compression, null).build());
            assertEquals(compression.rpmName(), pkg.string(RpmTag.PAYLOADCOMPRESSOR));
            assertTrue(pkg.verifyDigests().allOk(), compression::name);
        }
    }

    /** rpm must print, for every tag we write, exactly the values our reader finds; every generation. */
    @ParameterizedTest
    @EnumSource(RpmGeneration.class)
    void rpmAgreesWithOurReaderOnEveryTagWeWrite(RpmGeneration generation) throws Exception {
        generation.require();
        PackageSpec spec = SamplePackages.everything(dir).epoch(2).build();
        RpmPackage pkg = buildAndRead(spec);
        Path file = dir.resolve(spec.fileName());
        int compared = 0;
        for (RpmTag tag : RpmTag.values()) {
            if (!pkg.contains(tag) || tag.type() == TagType.BIN || tag == RpmTag.HEADERI18NTABLE) {
                continue;
            }
            HeaderEntry entry = pkg.header().entry(tag.code()).orElseThrow();
            String ours = String.join("\u0001", values(entry));
            String theirs = generation.query(file, "[%{" + generation.tagName(tag.name()) + "}\u0001]");
            assertEquals(ours + "\u0001", theirs, tag.name());
            compared++;
        }
        assertTrue(compared >= 50, "compared " + compared + " tags");
    }

    private static List<String> values(HeaderEntry entry) {
        List<String> values = new ArrayList<>();
        switch (entry.type()) {
            case INT16 -> {
                for (short value : entry.int16s()) {
                    values.add(Integer.toString(Short.toUnsignedInt(value)));
                }
            }
            case INT32 -> {
                for (int value : entry.int32s()) {
                    values.add(Integer.toUnsignedString(value));
                }
            }
            case INT64 -> {
                for (long value : entry.int64s()) {
                    values.add(Long.toUnsignedString(value));
                }
            }
            default -> values.addAll(entry.strings());
        }
        return values;
    }
}

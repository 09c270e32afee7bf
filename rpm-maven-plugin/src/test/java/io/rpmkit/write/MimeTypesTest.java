package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rpmkit.spec.Content;
import io.rpmkit.spec.Entry;

/** The MIME types of a v6 package, each with the name libmagic gives it (V6PackageRealRpmTest checks them against rpmbuild). */
class MimeTypesTest {
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /etc/a.conf             | a=1\\n                        | text/plain
            /usr/bin/run            | '#!/bin/sh\\necho'            | text/x-shellscript
            /usr/bin/run-bash       | '#! /bin/bash -e\\n'          | text/x-shellscript
            /usr/bin/tool           | '#!/usr/bin/env python3\\n'   | text/x-script.python
            /usr/bin/tool.pl        | '#!/usr/bin/perl -w\\n'       | text/x-perl
            /usr/bin/tool.awk       | '#!/usr/bin/awk -f\\n'        | text/plain
            /usr/share/a.xml        | '<?xml version="1.0"?><a/>'  | text/xml
            /usr/share/empty        | ''                           | inode/x-empty
            /usr/share/a.bin        | '\\0\\1data'                   | application/octet-stream
            /usr/share/a.html       | '\\0 binary, but named'        | text/html
            /usr/share/a.png        | 'named so'                   | image/png
            /usr/include/a.h        | 'int a;'                     | text/x-c
            /usr/lib/a.jar          | 'PK\\3\\4'                    | application/zip
            /usr/share/a.gz         | '\\037\\213\\010'              | application/gzip
            """)
    void namesFilesAsLibmagicDoes(String path, String content, String expected) {
        byte[] head = content.translateEscapes().getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected, MimeTypes.of(Entry.file(path, Content.ofBytes(head, "test")), head));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            directory | inode/directory
            symlink   | inode/symlink
            ghost     | ''
            """)
    void namesWhatHasNoContentByItsKind(String kind, String expected) {
        Entry entry = switch (kind) {
            case "directory" -> Entry.directory("/usr/share/a");
            case "symlink" -> Entry.symlink("/usr/share/a", "b");
            default -> Entry.ghost("/var/lib/a");
        };
        assertEquals(expected, MimeTypes.of(entry, new byte[0]));
    }

    @ParameterizedTest(name = "ELF e_type {0}: {1}")
    @CsvSource({"1, application/x-object", "2, application/x-executable", "3, application/x-sharedlib"})
    void namesElfFilesByTheirType(int type, String expected) {
        byte[] head = new byte[64];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[5] = 1; // little-endian
        head[16] = (byte) type;
        assertEquals(expected, MimeTypes.of(Entry.file("/usr/lib/a", Content.ofBytes(head, "test")), head));
    }

    @org.junit.jupiter.api.Test
    void namesAZipWhoseFirstEntryIsMetaInfAJar() {
        byte[] head = new byte[64];
        System.arraycopy("PK\3\4".translateEscapes().getBytes(StandardCharsets.ISO_8859_1), 0, head, 0, 4);
        System.arraycopy("META-INF/".getBytes(StandardCharsets.US_ASCII), 0, head, 30, 9);
        assertEquals("application/java-archive", MimeTypes.of(Entry.file("/usr/lib/a.jar",
                Content.ofBytes(head, "test")), head));
    }

    @ParameterizedTest(name = "ELF class {0}, mode {1}, machine {2}: colour {3}")
    @CsvSource({"2, 0755, 62, 2", "1, 0755, 3, 1", "2, 0644, 62, 0", "2, 0755, 247, 0"})
    void coloursExecutableElfFilesByClass(int elfClass, String mode, int machine, int expected) {
        byte[] head = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, 1}, 0, head, 0, 6);
        head[18] = (byte) machine;
        Entry entry = Entry.file("/usr/bin/a", Content.ofBytes(head, "test")).withMode(Integer.parseInt(mode, 8));
        assertEquals(expected, MimeTypes.color(entry, head));
    }
}

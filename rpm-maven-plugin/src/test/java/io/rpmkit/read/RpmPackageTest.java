package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.ScriptletPhase;

/** Our reader and {@code rpm -qp --qf} asked the same questions about packages rpmbuild made. */
class RpmPackageTest {
    static final List<String> PAYLOADS = RpmbuildFixtures.PAYLOADS;

    private static Path gzip;
    private static RpmPackage pkg;

    @BeforeAll
    static void build() throws Exception {
        gzip = RpmbuildFixtures.build("w6.gzdio");
        pkg = RpmReader.read(gzip);
    }

    @ParameterizedTest
    @FieldSource("PAYLOADS")
    void readsTheTagsRpmReads(String payload) throws Exception {
        Path rpm = RpmbuildFixtures.build(payload);
        RpmPackage read = RpmReader.read(rpm);
        String expected = RpmbuildFixtures.query(rpm, "%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}|"
                + "%{LICENSE}|%{GROUP}|%{URL}|%{VENDOR}|%{PACKAGER}|%{BUILDHOST}|%{SOURCERPM}|%{BUILDTIME}|%{SIZE}|"
                + "%{PAYLOADCOMPRESSOR}|%{DESCRIPTION}");
        String actual = String.join("|", read.name(), Integer.toString(read.epoch().orElseThrow()), read.version(),
                read.release(), read.arch().orElseThrow(), read.summary().orElseThrow(), read.license().orElseThrow(),
                read.group().orElseThrow(), read.url().orElseThrow(), read.vendor().orElseThrow(),
                read.packager().orElseThrow(), read.buildHost().orElseThrow(), read.sourceRpm().orElseThrow(),
                Long.toString(read.buildTime().orElseThrow().getEpochSecond()),
                Long.toString(read.installedSize().orElseThrow()),
                read.payloadCompression().tagValue().orElse("(none)"), read.description().orElseThrow());
        assertEquals(expected, actual);
    }

    @Test
    void listsFilesAsRpmDoes() {
        String expected = RpmbuildFixtures.query(gzip, "[%{FILENAMES}|%{FILEMODES}|%{FILESIZES}|%{FILEFLAGS}|"
                + "%{FILEVERIFYFLAGS}|%{FILEDIGESTS}|%{FILEUSERNAME}|%{FILEGROUPNAME}|%{FILELINKTOS}|%{FILEMTIMES}|"
                + "%{FILEINODES}\n]");
        String actual = pkg.files().stream().map(f -> String.join("|", f.path(), Integer.toString(f.mode()),
                Long.toString(f.size()), Integer.toString(f.flags()), Integer.toUnsignedString(f.verifyFlags()),
                f.digest(),
                f.user(), f.group(), f.linkTo(), Long.toString(f.mtime()), Integer.toUnsignedString(f.inode())) + "\n")
                .collect(Collectors.joining());
        assertEquals(expected, actual);
        assertTrue(actual.contains("/etc/demo/demo.conf|33188|10|17|"), actual);
        assertTrue(actual.contains("/etc/demo/secret.conf|33184|7|1|"), actual);
        assertTrue(actual.contains("|nobody|nogroup|"), actual);
    }

    @Test
    void listsDependenciesAsRpmDoes() {
        for (DependencyKind kind : DependencyKind.values()) {
            String expected = RpmbuildFixtures.query(gzip, "[%{" + kind.nameTag().name() + "}|%{"
                    + kind.flagsTag().name() + "}|%{" + kind.versionTag().name() + "}\n]");
            String actual = pkg.dependencies(kind).stream()
                    .map(d -> d.name() + "|" + d.flags() + "|" + d.version() + "\n").collect(Collectors.joining());
            assertEquals(expected, actual, kind.name());
            assertTrue(!actual.isEmpty(), kind + " is empty; the fixture has one of each kind");
        }
        assertTrue(pkg.dependencies(DependencyKind.REQUIRES).stream().anyMatch(d -> d.toString()
                .equals("systemd >= 219") && d.contexts().isEmpty()));
        assertTrue(pkg.dependencies(DependencyKind.REQUIRES).stream().anyMatch(d -> d.name().equals("/bin/sh")
                && d.contexts().equals(List.of("post"))));
        assertEquals("demo-extra > 1:2.0-1", pkg.dependencies(DependencyKind.ENHANCES).get(0).toString());
    }

    @Test
    void readsScriptletsAsRpmDoes() {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (ScriptletPhase phase : ScriptletPhase.values()) {
            String body = RpmbuildFixtures.query(gzip, "%{" + phase.scriptTag().name() + "}");
            String program = RpmbuildFixtures.query(gzip, "%{" + phase.interpreterTag().name() + "}");
            if (!body.equals("(none)") || !program.equals("(none)")) {
                expected.add(phase.queryLabel() + "|" + (program.equals("(none)") ? "" : program) + "|"
                        + (body.equals("(none)") ? "" : body));
            }
        }
        for (HeaderScriptlet script : pkg.scriptlets()) {
            actual.add(script.label() + "|" + String.join(" ", script.interpreter()) + "|" + script.body());
        }
        assertEquals(expected, actual);
        assertEquals(List.of("preinstall", "postinstall", "postuninstall", "posttrans"),
                pkg.scriptlets().stream().map(HeaderScriptlet::label).toList());
        assertEquals("echo post $1", pkg.scriptlet(ScriptletPhase.POST).orElseThrow().body());
        assertEquals("/sbin/ldconfig", pkg.scriptlet(ScriptletPhase.POSTTRANS).orElseThrow().program());
    }

    @Test
    void readsTriggersAsRpmDoes() {
        String expected = RpmbuildFixtures.query(gzip, "[%{TRIGGERNAME}|%{TRIGGERFLAGS}|%{TRIGGERVERSION}|"
                + "%{TRIGGERINDEX}\n]");
        StringBuilder actual = new StringBuilder();
        for (int i = 0; i < pkg.triggers().size(); i++) {
            for (HeaderDependency condition : pkg.triggers().get(i).conditions()) {
                actual.append(condition.name()).append('|').append(condition.flags()).append('|')
                        .append(condition.version()).append('|').append(i).append('\n');
            }
        }
        assertEquals(expected, actual.toString());
        assertEquals(List.of("triggerin", "triggerun"), pkg.triggers().stream().map(HeaderTrigger::type).toList());
        assertEquals("echo trigger", pkg.triggers().get(0).body());
        assertEquals("/bin/sh", pkg.triggers().get(0).interpreter());
    }

    @Test
    void readsTheChangelogAsRpmDoes() {
        String expected = RpmbuildFixtures.query(gzip, "[%{CHANGELOGTIME}|%{CHANGELOGNAME}|%{CHANGELOGTEXT}\n]");
        String actual = pkg.changelog().stream()
                .map(c -> c.time().getEpochSecond() + "|" + c.author() + "|" + c.text() + "\n")
                .collect(Collectors.joining());
        assertEquals(expected, actual);
    }

    @Test
    void keepsTagsOutsideOurVocabulary() {
        List<Integer> unknown = pkg.header().unknownEntries().stream().map(HeaderEntry::tag).toList();
        // rpm 4.18 writes e.g. RPMTAG_OPTFLAGS (1122) and RPMTAG_FILECLASS (1141), which we do not name.
        assertTrue(unknown.contains(1122) && unknown.contains(1141), unknown::toString);
        assertEquals(RpmbuildFixtures.query(gzip, "%{OPTFLAGS}"),
                pkg.header().entry(1122).orElseThrow().strings().get(0));
        assertTrue(pkg.signature().unknownEntries().stream().anyMatch(e -> e.tag() == 1008),
                "RPMSIGTAG_RESERVEDSPACE is kept");
    }

    @Test
    void givesTypedAccessToBothHeaders() {
        assertEquals(List.of("cpio"), pkg.strings(RpmTag.PAYLOADFORMAT));
        assertTrue(pkg.contains(io.rpmkit.format.SignatureTag.SHA256HEADER));
        assertEquals(64, pkg.string(io.rpmkit.format.SignatureTag.SHA256HEADER).orElseThrow().length());
        assertEquals(pkg.headerOffset() + pkg.headerBytes().length, pkg.payloadOffset());
        assertEquals(2, pkg.int32(RpmTag.EPOCH)[0]);
        assertEquals("demo-2:1.2-3.noarch", pkg.nevra());
    }
}

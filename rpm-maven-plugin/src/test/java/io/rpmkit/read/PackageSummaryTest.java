package io.rpmkit.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The summary against rpm's own query output for the same package. */
class PackageSummaryTest {
    private static Path rpm;
    private static String summary;

    @BeforeAll
    static void render() throws Exception {
        rpm = RpmbuildFixtures.build("w6.gzdio");
        summary = PackageSummary.render(RpmReader.read(rpm));
    }

    @Test
    void opensWithTheInformationRpmQiShows() {
        String expected = String.join("\n",
                "Name        : demo",
                "Epoch       : 2",
                "Version     : 1.2",
                "Release     : 3",
                "Architecture: noarch",
                "Group       : Applications/Demo",
                "Size        : " + RpmbuildFixtures.query(rpm, "%{SIZE}"),
                "License     : MIT",
                "Signature   : (none)",
                "Source RPM  : demo-1.2-3.src.rpm",
                "Build Date  : " + java.time.Instant.ofEpochSecond(Long.parseLong(
                        RpmbuildFixtures.query(rpm, "%{BUILDTIME}"))),
                "Build Host  : " + RpmbuildFixtures.query(rpm, "%{BUILDHOST}"),
                "Packager    : Jane Doe <jane@example.com>",
                "Vendor      : Example Vendor",
                "URL         : https://example.com/demo",
                "Summary     : A demo package",
                "Description :",
                "Demo description.",
                "Second line.",
                "");
        assertTrue(summary.startsWith(expected), summary);
    }

    @Test
    void listsFilesWithTheColumnsOfRpmQlv() {
        // rpm -qlv: mode, links, user, group, size, month, day, time, path [-> target]
        for (String line : RpmbuildFixtures.run(List.of(RpmbuildFixtures.RPM.toString(), "-qlvp", rpm.toString())).split("\n")) {
            String[] columns = line.trim().split("\\s+");
            String path = columns[8];
            String ours = Arrays.stream(summary.split("\n")).filter(l -> l.matches(".* " + path + "( .*)?"))
                    .findFirst().orElseThrow(() -> new AssertionError(path + " missing from\n" + summary));
            String[] mine = ours.trim().split("\\s+");
            assertEquals(List.of(columns[0], columns[2], columns[3], columns[4], path),
                    List.of(mine[0], mine[1], mine[2], mine[3], mine[6]), ours);
            if (line.contains(" -> ")) {
                assertTrue(ours.contains(line.substring(line.indexOf(" -> "))), ours);
            }
        }
    }

    @Test
    void marksFileAttributesAsTheSpecSaysThem() {
        assertTrue(summary.contains(" /etc/demo/demo.conf (config,noreplace)\n"), summary);
        assertTrue(summary.contains(" /etc/demo/secret.conf (config)\n"), summary);
        assertTrue(summary.contains(" /var/log/demo.log (ghost)\n"), summary);
        assertTrue(summary.contains(" /usr/share/doc/demo/README (doc)\n"), summary);
        assertTrue(summary.contains(" /usr/share/licenses/demo/LICENSE (license)\n"), summary);
        assertTrue(summary.contains("-rw-r----- nobody   nogroup"), summary);
    }

    @Test
    void showsScriptletsAndTriggersAsRpmScriptsDoes() {
        String scripts = RpmbuildFixtures.run(List.of(RpmbuildFixtures.RPM.toString(), "-qp", "--scripts", rpm.toString()));
        for (String block : scripts.split("\n(?=\\w+ (scriptlet|program))")) {
            assertTrue(summary.contains(block.strip()), "missing:\n" + block + "\nin\n" + summary);
        }
        String triggers = RpmbuildFixtures.run(List.of(RpmbuildFixtures.RPM.toString(), "-qp", "--triggers", rpm.toString()));
        for (String block : triggers.split("\n(?=trigger)")) {
            assertTrue(summary.contains(block.strip()), "missing:\n" + block + "\nin\n" + summary);
        }
    }

    @Test
    void showsEveryRequirementRpmShowsWithItsContext() {
        for (String requirement : RpmbuildFixtures.run(List.of(RpmbuildFixtures.RPM.toString(), "-qp", "--requires", rpm.toString()))
                .split("\n")) {
            assertTrue(summary.matches("(?s).*\nRequires(\\([a-z,]+\\))?: " + java.util.regex.Pattern.quote(requirement)
                    + "\n.*"), requirement + " missing from\n" + summary);
        }
        assertTrue(summary.contains("\nRequires(post): /bin/sh\n"), summary);
        assertTrue(summary.contains("\nRequires: systemd >= 219\n"), summary);
        assertTrue(summary.contains("\nRequires: rpmlib(FileDigests) <= 4.6.0-1\n"), summary);
        assertTrue(summary.contains("\nRecommends: bash\n"), summary);
        assertTrue(summary.contains("\nSuggests: less\n"), summary);
        assertTrue(summary.contains("\nConflicts: olddemo < 1.0\n"), summary);
        assertTrue(summary.contains("\nObsoletes: ancient <= 0.9\n"), summary);
        assertTrue(summary.contains("\nProvides: democap = 1.2\n"), summary);
    }

    @Test
    void endsWithTheChangelog() {
        assertTrue(summary.endsWith("Changelog:\n* Mon Jan 01 2024 Jane Doe <jane@example.com> - 2:1.2-3\n"
                + "- First release\n- With two lines\n\n"), summary);
    }

    @Test
    void writesModesLikeLs() {
        assertEquals("-rw-r--r--", PackageSummary.modeString(0100644));
        assertEquals("drwxr-xr-x", PackageSummary.modeString(040755));
        assertEquals("lrwxrwxrwx", PackageSummary.modeString(0120777));
        assertEquals("-rwsr-xr-x", PackageSummary.modeString(0104755));
        assertEquals("-rwxr-Sr--", PackageSummary.modeString(0102744));
        assertEquals("drwxrwxrwt", PackageSummary.modeString(041777));
        assertEquals("----------", PackageSummary.modeString(0));
    }
}

package io.rpmkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.rpmkit.format.DependencyKind;

/**
 * Golden text, as createrepo_c 0.17.3 wrote it for a package built with rpmbuild from the same
 * values (measured; the strings are what libxml2 made of them).
 */
class MetadataXmlTest {
    private static final String PKGID = "0cb632e0472ab046b525528ecfb5c2d4ee9b38ef129c3b65779926c6a6d59d5e";

    private static final PackageMetadata WEIRD = new PackageMetadata(PKGID, "weird", "noarch", 3, "1.0", "1",
            "a & b <c> \"d\" 'e'\ttab Müller 日本 😀",
            "Line one & <two>\n  indented\r\nnon-ascii: Müller ]]> end",
            "", "", 1795552123, 1795552121, 7425, 10, 1180, "wéird x&y.rpm", "MIT", "", "Unspecified", "vm",
            "weird-1.0-1.src.rpm", 4504, 7209,
            Map.of(DependencyKind.PROVIDES, List.of(
                    new MetadataDependency("weird", "EQ", "3", "1.0", "1", false),
                    new MetadataDependency("cap(ü)", "EQ", "0", "1.0", "", false)),
                    DependencyKind.REQUIRES, List.of(
                    new MetadataDependency("bar", "EQ", "0", "1.0", "5", false),
                    new MetadataDependency("post-req", "", "", "", "", true)),
                    DependencyKind.RECOMMENDS, List.of(new MetadataDependency("less", "", "", "", "", false))),
            List.of(new MetadataFile("/etc/weird.conf", MetadataFile.Type.FILE),
                    new MetadataFile("/opt/robin/x", MetadataFile.Type.DIR),
                    new MetadataFile("/usr/share/weird/a&b <c>.txt", MetadataFile.Type.FILE),
                    new MetadataFile("/var/lib/weird.state", MetadataFile.Type.GHOST)),
            List.of(new MetadataChangelog("Jörg Müller 日本 😀 <j@x> - 1.0-0", 1795435200, "- zeroth & <x>"),
                    new MetadataChangelog("Jane <j@x> & \"co\"    - 1.0-1", 1795521601, "- first")));

    @Test
    void rendersPrimaryAsCreaterepo() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metadata xmlns=\"http://linux.duke.edu/metadata/common\""
                + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"1\">\n"
                + "<package type=\"rpm\">\n"
                + "  <name>weird</name>\n"
                + "  <arch>noarch</arch>\n"
                + "  <version epoch=\"3\" ver=\"1.0\" rel=\"1\"/>\n"
                + "  <checksum type=\"sha256\" pkgid=\"YES\">" + PKGID + "</checksum>\n"
                // Text: & < > escaped, quotes, tab and UTF-8 as they are.
                + "  <summary>a &amp; b &lt;c&gt; \"d\" 'e'\ttab Müller 日本 😀</summary>\n"
                // CR is the one whitespace character text escapes.
                + "  <description>Line one &amp; &lt;two&gt;\n  indented&#13;\nnon-ascii: Müller ]]&gt; end</description>\n"
                // Absent values are empty elements, not self-closed.
                + "  <packager></packager>\n"
                + "  <url></url>\n"
                + "  <time file=\"1795552123\" build=\"1795552121\"/>\n"
                + "  <size package=\"7425\" installed=\"10\" archive=\"1180\"/>\n"
                // Attributes: everything beyond ASCII as a character reference.
                + "  <location href=\"w&#xE9;ird x&amp;y.rpm\"/>\n"
                + "  <format>\n"
                + "    <rpm:license>MIT</rpm:license>\n"
                + "    <rpm:vendor></rpm:vendor>\n"
                + "    <rpm:group>Unspecified</rpm:group>\n"
                + "    <rpm:buildhost>vm</rpm:buildhost>\n"
                + "    <rpm:sourcerpm>weird-1.0-1.src.rpm</rpm:sourcerpm>\n"
                + "    <rpm:header-range start=\"4504\" end=\"7209\"/>\n"
                + "    <rpm:provides>\n"
                + "      <rpm:entry name=\"weird\" flags=\"EQ\" epoch=\"3\" ver=\"1.0\" rel=\"1\"/>\n"
                + "      <rpm:entry name=\"cap(&#xFC;)\" flags=\"EQ\" epoch=\"0\" ver=\"1.0\"/>\n"
                + "    </rpm:provides>\n"
                + "    <rpm:requires>\n"
                + "      <rpm:entry name=\"bar\" flags=\"EQ\" epoch=\"0\" ver=\"1.0\" rel=\"5\"/>\n"
                + "      <rpm:entry name=\"post-req\" pre=\"1\"/>\n"
                + "    </rpm:requires>\n"
                // Empty lists are left out; weak dependencies come after obsoletes in this order.
                + "    <rpm:recommends>\n"
                + "      <rpm:entry name=\"less\"/>\n"
                + "    </rpm:recommends>\n"
                // Only the files under /etc/, with bin/ anywhere (robin/ too) or /usr/lib/sendmail.
                + "    <file>/etc/weird.conf</file>\n"
                + "    <file type=\"dir\">/opt/robin/x</file>\n"
                + "  </format>\n"
                + "</package>\n"
                // No newline at the end.
                + "</metadata>", MetadataXml.PRIMARY.render(List.of(WEIRD)));
    }

    @Test
    void rendersFilelistsAndOtherAsCreaterepo() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<filelists xmlns=\"http://linux.duke.edu/metadata/filelists\" packages=\"1\">\n"
                + "<package pkgid=\"" + PKGID + "\" name=\"weird\" arch=\"noarch\">\n"
                + "  <version epoch=\"3\" ver=\"1.0\" rel=\"1\"/>\n"
                + "  <file>/etc/weird.conf</file>\n"
                + "  <file type=\"dir\">/opt/robin/x</file>\n"
                + "  <file>/usr/share/weird/a&amp;b &lt;c&gt;.txt</file>\n"
                + "  <file type=\"ghost\">/var/lib/weird.state</file>\n"
                + "</package>\n"
                + "</filelists>", MetadataXml.FILELISTS.render(List.of(WEIRD)));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\" packages=\"1\">\n"
                + "<package pkgid=\"" + PKGID + "\" name=\"weird\" arch=\"noarch\">\n"
                + "  <version epoch=\"3\" ver=\"1.0\" rel=\"1\"/>\n"
                + "  <changelog author=\"J&#xF6;rg M&#xFC;ller &#x65E5;&#x672C; &#x1F600; &lt;j@x&gt; - 1.0-0\""
                + " date=\"1795435200\">- zeroth &amp; &lt;x&gt;</changelog>\n"
                + "  <changelog author=\"Jane &lt;j@x&gt; &amp; &quot;co&quot;    - 1.0-1\" date=\"1795521601\">- first"
                + "</changelog>\n"
                + "</package>\n"
                + "</otherdata>", MetadataXml.OTHER.render(List.of(WEIRD)));
    }

    @Test
    void escapesWhitespaceInAttributes() {
        StringBuilder out = new StringBuilder();
        XmlText.appendAttribute(out, "a\tb\nc\rd'e");
        assertEquals("a&#9;b&#10;c&#13;d'e", out.toString());
    }

    @Test
    void findsCharactersXmlCannotHold() {
        assertEquals(Optional.empty(), XmlText.forbiddenCharacter("tab\tnewline\nCR\r 😀 \u007f"));
        assertEquals(Optional.of("U+0001 at position 3"), XmlText.forbiddenCharacter("abc\u0001"));
        assertEquals(Optional.of("U+FFFE at position 0"), XmlText.forbiddenCharacter("\ufffe"));
        assertEquals(Optional.of("U+D83D at position 1"), XmlText.forbiddenCharacter("a\ud83d"), "an unpaired surrogate");
    }

    @Test
    void rendersRepomd() {
        RepomdRecord record = new RepomdRecord("primary", "a".repeat(64), "b".repeat(64),
                "repodata/" + "a".repeat(64) + "-primary.xml.gz", 1700000000, 847, 2130);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n"
                + "  <revision>1700000000</revision>\n"
                + "  <data type=\"primary\">\n"
                + "    <checksum type=\"sha256\">" + "a".repeat(64) + "</checksum>\n"
                + "    <open-checksum type=\"sha256\">" + "b".repeat(64) + "</open-checksum>\n"
                + "    <location href=\"repodata/" + "a".repeat(64) + "-primary.xml.gz\"/>\n"
                + "    <timestamp>1700000000</timestamp>\n"
                + "    <size>847</size>\n"
                + "    <open-size>2130</open-size>\n"
                + "  </data>\n"
                + "</repomd>\n", RepomdXml.render("1700000000", List.of(record)));
    }
}

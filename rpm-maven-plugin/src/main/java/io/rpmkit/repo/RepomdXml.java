package io.rpmkit.repo;

import java.util.List;

/**
 * Renders repomd.xml as createrepo_c writes it (src/xml_dump_repomd.c): the revision, then one
 * {@code <data>} per metadata file with its checksums, location, timestamp and sizes, ending with
 * a newline. Pure.
 */
final class RepomdXml {
    private RepomdXml() {
    }

    static String render(String revision, List<RepomdRecord> records) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\""
                + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n");
        out.append("  <revision>");
        XmlText.appendText(out, revision);
        out.append("</revision>\n");
        for (RepomdRecord record : records) {
            out.append("  <data type=\"").append(record.type()).append("\">\n");
            out.append("    <checksum type=\"sha256\">").append(record.checksum()).append("</checksum>\n");
            out.append("    <open-checksum type=\"sha256\">").append(record.openChecksum())
                    .append("</open-checksum>\n");
            out.append("    <location href=\"");
            XmlText.appendAttribute(out, record.location());
            out.append("\"/>\n");
            out.append("    <timestamp>").append(record.timestamp()).append("</timestamp>\n");
            out.append("    <size>").append(record.size()).append("</size>\n");
            out.append("    <open-size>").append(record.openSize()).append("</open-size>\n");
            out.append("  </data>\n");
        }
        out.append("</repomd>\n");
        return out.toString();
    }
}

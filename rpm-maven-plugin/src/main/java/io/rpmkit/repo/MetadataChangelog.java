package io.rpmkit.repo;

/**
 * One {@code <changelog>} of other.xml.
 *
 * @param date seconds since the epoch
 */
public record MetadataChangelog(String author, long date, String text) {
}

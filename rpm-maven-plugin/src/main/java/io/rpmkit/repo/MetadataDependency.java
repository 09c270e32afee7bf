package io.rpmkit.repo;

/**
 * One {@code <rpm:entry>} of a package's provides, requires, ... in primary.xml.
 *
 * @param flags {@code EQ}, {@code LT}, {@code LE}, {@code GT}, {@code GE}, or empty when any version will do
 * @param epoch the epoch of the version, {@code 0} when the version names none; empty without a version
 * @param version empty when there is none
 * @param release empty when the version names none
 * @param pre whether a requirement must hold before the package's scriptlets run ({@code pre="1"})
 */
public record MetadataDependency(String name, String flags, String epoch, String version, String release,
        boolean pre) {
}

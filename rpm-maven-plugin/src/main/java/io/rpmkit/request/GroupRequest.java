package io.rpmkit.request;

/**
 * A system group the package needs, as a user configures it.
 *
 * @param gid a fixed gid as written, or null for one the system picks from its system range
 */
public record GroupRequest(String name, String gid) {
}

package io.rpmkit.request;

import io.rpmkit.spec.PackageSpec;

/**
 * A request resolved: the validated spec, the file name to write it under, and whether a signature,
 * when one is made, includes the legacy header-and-payload one.
 */
public record ResolvedPackage(PackageSpec spec, String fileName, boolean legacySignature) {
}

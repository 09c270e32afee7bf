package io.rpmkit.read;

import java.util.ArrayList;
import java.util.List;

import io.rpmkit.PackagingException;

/**
 * What a release pipeline asks of a package before it ships, as {@code rpmkeys -K} answers it with
 * the team's keys imported: every digest matches, the package is signed, and every signature is OK
 * with one of the given keys. Stricter than rpm -K, which passes a package with a NOTTRUSTED
 * signature or without any.
 */
public record PackageVerification(RpmPackage pkg, DigestReport digests, SignatureReport signatures) {
    public static PackageVerification verify(RpmPackage pkg, VerificationKeys keys) throws PackagingException {
        return new PackageVerification(pkg, pkg.verifyDigests(), pkg.verifySignatures(keys));
    }

    /** Every reason the package fails, empty when it passes. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!signatures.signed()) {
            problems.add("the package is not signed (no RSAHEADER, DSAHEADER, OPENPGP, PGP or GPG signature)");
        }
        signatures.failures().forEach(check -> problems.add(check.toString()));
        if (digests.checks().isEmpty()) {
            problems.add("the package states no digest to check");
        }
        digests.failures().forEach(check -> problems.add("digest " + check));
        return problems;
    }

    public boolean passes() {
        return problems().isEmpty();
    }
}

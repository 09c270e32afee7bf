package io.rpmkit.read;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of {@link RpmPackage#verifySignatures}: every OpenPGP signature of the package, in order. */
public record SignatureReport(List<SignatureCheck> checks) {
    public SignatureReport {
        checks = List.copyOf(checks);
    }

    public boolean signed() {
        return !checks.isEmpty();
    }

    /** True when the package is signed and every signature is OK. */
    public boolean allOk() {
        return signed() && checks.stream().allMatch(SignatureCheck::ok);
    }

    public List<SignatureCheck> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    @Override
    public String toString() {
        return checks.isEmpty() ? "no OpenPGP signature"
                : checks.stream().map(SignatureCheck::toString).collect(Collectors.joining("\n"));
    }
}

package io.rpmkit.read;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of {@link RpmPackage#verifyDigests()}: every check made, in order. */
public record DigestReport(List<DigestCheck> checks) {
    public DigestReport {
        checks = List.copyOf(checks);
    }

    /** True when there was something to check and all of it matched. */
    public boolean allOk() {
        return !checks.isEmpty() && checks.stream().allMatch(DigestCheck::ok);
    }

    public List<DigestCheck> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    @Override
    public String toString() {
        return checks.stream().map(DigestCheck::toString).collect(Collectors.joining("\n"));
    }
}

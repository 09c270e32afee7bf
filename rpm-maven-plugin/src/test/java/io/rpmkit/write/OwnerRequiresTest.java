package io.rpmkit.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rpmkit.Console;
import io.rpmkit.request.EntryRequest;
import io.rpmkit.request.PackageRequest;
import io.rpmkit.request.PackageResolver;
import io.rpmkit.spec.PackageSpec;

/** Which targets and settings get rpmbuild 4.19's user()/group() requires for files of other owners. */
class OwnerRequiresTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // target | autoDependencies | requires
        "el10     | true             | group(data),group(hello),user(hello)",
        "fedora   | true             | group(data),group(hello),user(hello)",
        "el10     | false            | ''",
        "el9      | true             | ''",
        "el7      | true             | ''",
    })
    void requiresTheOwnersFromRpm419(String target, boolean autoDependencies, String expected) throws Exception {
        Path source = Files.writeString(dir.resolve("state"), "state\n");
        PackageSpec spec = PackageResolver.resolve(PackageRequest.builder().name("hello").version("1.0")
                .summary("Hello").license("MIT").targetRpm(target).autoDependencies(autoDependencies)
                .buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .entries(List.of(entry("/var/lib/hello/state", source, "hello", "hello"),
                        entry("/etc/hello-secret", source, "root", "data"),
                        entry("/etc/hello.conf", source, null, null)))
                .build(), Console.SILENT).spec();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), OwnerRequires.names(spec));
    }

    private static EntryRequest entry(String path, Path source, String user, String group) {
        return new EntryRequest("file", path, source, null, null, null, user, group, null, null, null, null, null,
                null, null, null);
    }
}

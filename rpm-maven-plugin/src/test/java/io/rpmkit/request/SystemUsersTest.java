package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rpmkit.Console;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.spec.Dependency;
import io.rpmkit.spec.PackageSpec;
import io.rpmkit.spec.TargetRpm;

/**
 * The sysusers.d file, provides and %pre made from declared users and groups. The encodings are
 * rpmbuild 6.1's own for the same lines (Debian sid, fileattrs/sysusers.attr); SystemUsersRealRpmTest
 * asks it again on every run.
 */
class SystemUsersTest {
    private static final List<UserRequest> USERS = List.of(
            new UserRequest("hello", "815", null, "Hello service", "/var/lib/hello", "/sbin/nologin",
                    List.of("data")),
            new UserRequest("helper", null, null, "Hello two", null, null, List.of()),
            new UserRequest("worker", "817", "data", null, "/var/lib/worker", null, List.of()));
    private static final List<GroupRequest> GROUPS = List.of(new GroupRequest("data", "816"),
            new GroupRequest("spool", null));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the line as sysusers.d holds it                               | rpmbuild 6.1's provide version
        "u hello 815 \"Hello service\" /var/lib/hello /sbin/nologin      | dSBoZWxsbyA4MTUgIkhlbGxvIHNlcnZpY2UiIC92YXIvbGliL2hlbGxvIC9zYmluL25vbG9naW4A",
        "u hello2 - \"Hello two\" - -                                     | dSBoZWxsbzIgLSAiSGVsbG8gdHdvIiAtIC0A",
        "g hellogrp 816                                                  | ZyBoZWxsb2dycCA4MTYA",
        "g hellogrp2 -                                                   | ZyBoZWxsb2dycDIgLQAA",
        "m hello hellogrp                                                | bSBoZWxsbyBoZWxsb2dycAAA",
        "u hello3 817:hellogrp - /var/lib/hello3                         | dSBoZWxsbzMgODE3OmhlbGxvZ3JwIC0gL3Zhci9saWIvaGVsbG8z",
        // rpm joins the fields with single spaces before encoding
        "u   hello2  -   \"Hello two\"   -  -                             | dSBoZWxsbzIgLSAiSGVsbG8gdHdvIiAtIC0A",
    })
    void encodesALineAsRpmbuildDoes(String line, String expected) {
        assertEquals(expected, SysusersProvides.encode(line));
    }

    @Test
    void writesGroupsThenUsersThenMemberships() throws IOException {
        GeneratedParts parts = generate(TargetRpm.EL10);
        try (InputStream in = parts.entries().get(0).content().open()) {
            assertEquals(String.join("\n",
                    "# The system users and groups of demo (sysusers.d(5)), made by rpmkit.",
                    "g data 816",
                    "g spool -",
                    "u hello 815 \"Hello service\" /var/lib/hello /sbin/nologin",
                    "u helper - \"Hello two\"",
                    "u worker 817:data - /var/lib/worker",
                    "m hello data", ""), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("/usr/lib/sysusers.d/demo.conf", parts.entries().get(0).path());
    }

    @Test
    void rpm419TargetsGetProvidesAndMembershipRequiresAndNoScript() {
        GeneratedParts parts = generate(TargetRpm.EL10);
        assertEquals(List.of("provides group(data) = ZyBkYXRhIDgxNgAA", "provides group(spool) = ZyBzcG9vbCAt",
                "provides user(hello) = "
                        + SysusersProvides.encode("u hello 815 \"Hello service\" /var/lib/hello /sbin/nologin"),
                "provides group(hello)", "provides user(helper) = " + SysusersProvides.encode("u helper - \"Hello two\""),
                "provides group(helper)",
                "provides user(worker) = " + SysusersProvides.encode("u worker 817:data - /var/lib/worker"),
                "provides group(worker)", "provides groupmember(hello/data) = " + SysusersProvides.encode("m hello data"),
                "requires user(hello)", "requires group(data)"), describe(parts.dependencies()));
        assertEquals(List.of(), List.copyOf(parts.scripts().keySet()), "rpm itself creates them");
    }

    @Test
    void olderTargetsGetAPreScriptAndShadowUtils() {
        GeneratedParts parts = generate(TargetRpm.EL9);
        List<String> dependencies = describe(parts.dependencies());
        assertEquals("requires shadow-utils (pre)", dependencies.get(dependencies.size() - 1));
        assertTrue(dependencies.stream()
                .noneMatch(d -> d.startsWith("requires user(") || d.startsWith("requires group(")),
                "nothing provides user() or group() before rpm 4.19: " + dependencies);
        assertEquals(String.join("\n",
                "# system users and groups (%sysusers_create_compat): created before the files they own are"
                        + " unpacked.",
                "getent group 'data' >/dev/null || groupadd -f -g 816 -r 'data' || exit 1",
                "getent group 'spool' >/dev/null || groupadd -f -r 'spool' || exit 1",
                "getent group 'hello' >/dev/null || groupadd -f -g 815 -r 'hello' || exit 1",
                "if ! getent passwd 'hello' >/dev/null; then",
                "    if ! getent passwd '815' >/dev/null; then",
                "        useradd -r -u '815' -g 'hello' -d '/var/lib/hello' -s '/sbin/nologin' -c 'Hello service'"
                        + " 'hello' || exit 1",
                "    else",
                "        useradd -r -g 'hello' -d '/var/lib/hello' -s '/sbin/nologin' -c 'Hello service' 'hello'"
                        + " || exit 1",
                "    fi",
                "fi",
                "getent group 'helper' >/dev/null || groupadd -f -r 'helper' || exit 1",
                "if ! getent passwd 'helper' >/dev/null; then",
                "    useradd -r -g 'helper' -d '/' -s '/sbin/nologin' -c 'Hello two' 'helper' || exit 1",
                "fi",
                "if ! getent passwd 'worker' >/dev/null; then",
                "    if ! getent passwd '817' >/dev/null; then",
                "        useradd -r -u '817' -g 'data' -d '/var/lib/worker' -s '/sbin/nologin' 'worker' || exit 1",
                "    else",
                "        useradd -r -g 'data' -d '/var/lib/worker' -s '/sbin/nologin' 'worker' || exit 1",
                "    fi",
                "fi",
                "case \",$(getent group 'data' | cut -d: -f4),\" in",
                "    *,'hello',*) ;;",
                "    *) usermod -a -G 'data' 'hello' || exit 1 ;;",
                "esac"), parts.scripts().get(ScriptletPhase.PRE));
    }

    @ParameterizedTest
    @CsvSource({"el10, true, true", "fedora, , true", "el10, false, false", "el9, true, false"})
    void aShippedSysusersFileIsProvidedFromRpm419WithAutoDependencies(String target, Boolean autoDependencies,
            boolean provided, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("extra.conf"), "g extra 900\n");
        PackageSpec spec = PackageResolver.resolve(PackageRequest.builder().name("demo").version("1.0")
                .summary("Demo").license("MIT").targetRpm(target).autoDependencies(autoDependencies)
                .buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .entries(List.of(new EntryRequest("file", "/usr/lib/sysusers.d/extra.conf", file, null, null, null,
                        null, null, null, null, null, null, null, null, null, null)))
                .build(), Console.SILENT).spec();
        assertEquals(provided, spec.dependencies().stream()
                .anyMatch(d -> d.toString().equals("group(extra) = ZyBleHRyYSA5MDAA")), spec.dependencies().toString());
    }

    @Test
    void reportsEveryMistakeOfEveryUserAndGroupAtOnce() {
        List<String> problems = new ArrayList<>();
        GeneratedParts parts = SystemUsers.generate("demo", List.of(
                new UserRequest("Hello", "0", null, "a:b", "rel", "sh", List.of("Wheel")),
                new UserRequest("ok", "815", null, null, null, null, List.of())),
                List.of(new GroupRequest("data", "x"), new GroupRequest("more", "815")), TargetRpm.EL9, problems);
        assertEquals(List.of(
                "systemGroups[0] 'data': gid 'x' is not a system id",
                "systemUsers[0] 'Hello': name 'Hello' is not a system user or group name",
                "systemUsers[0] 'Hello': uid '0' is not a system id",
                "systemUsers[0] 'Hello': gecos 'a:b' cannot be written to passwd and sysusers.d",
                "systemUsers[0] 'Hello': home 'rel' is not an absolute path",
                "systemUsers[0] 'Hello': shell 'sh' is not an absolute path",
                "systemUsers[0] 'Hello': groups 'Wheel' is not a system user or group name"),
                problems.stream().map(p -> p.substring(0, p.indexOf(':', p.indexOf("': ") + 3) < 0 ? p.length()
                        : Math.min(p.length(), prefixLength(p)))).toList());
        assertEquals(List.of(), parts.entries(), "nothing is generated from a configuration with mistakes");
    }

    /** A uid and a gid may be equal: they are separate namespaces. */
    private static int prefixLength(String problem) {
        for (String end : List.of(" is not a system id", " is not a system user or group name",
                " cannot be written to passwd and sysusers.d", " is not an absolute path")) {
            int at = problem.indexOf(end);
            if (at >= 0) {
                return at + end.length();
            }
        }
        return problem.length();
    }

    private static GeneratedParts generate(TargetRpm target) {
        List<String> problems = new ArrayList<>();
        GeneratedParts parts = SystemUsers.generate("demo", USERS, GROUPS, target, problems);
        assertEquals(List.of(), problems);
        return parts;
    }

    private static List<String> describe(List<Dependency> dependencies) {
        return dependencies.stream().map(d -> d.kind().settingName() + " " + d
                + (d.contexts().isEmpty() ? "" : " " + d.contexts().stream().map(c -> "(" + c.settingName() + ")")
                        .toList().get(0))).toList();
    }
}

package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.TriggerKind;
import io.rpmkit.testing.SamplePackages;

/**
 * What rpm cannot store or install is refused when the spec is built, before any byte is written:
 * strings a header cannot hold (a NUL, which ends a header string; a lone surrogate, which has no
 * UTF-8 form) in every setting that ends in the header, paths and names longer than PATH_MAX and
 * NAME_MAX, symlink targets longer than symlink(2) accepts, entries beneath a file or a symlink of
 * the same package, and dependency names whose parentheses do not balance.
 */
class RpmAcceptanceRulesTest {
    private static PackageSpec.Builder minimal() {
        return PackageSpec.builder().name("ok").version("1.0").summary("A package").license("MIT")
                .buildTime(SamplePackages.BUILD_TIME);
    }

    private static List<String> problems(PackageSpec.Builder builder) {
        return assertThrows(PackagingException.class, builder::build).problems();
    }

    private static void assertOneProblem(PackageSpec.Builder builder, String... fragments) {
        List<String> problems = problems(builder);
        assertEquals(1, problems.size(), problems::toString);
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), () -> "'" + fragment + "' not in: " + problems.get(0));
        }
    }

    /** Every setting whose text ends in a header string, with where the problem names it. */
    static Stream<Arguments> headerStrings() {
        Function<String, PackageSpec.Builder> summary = v -> minimal().summary(v).description("d");
        return Stream.of(
                Arguments.of("summary", summary),
                Arguments.of("description", (Function<String, PackageSpec.Builder>) v -> minimal().description(v)),
                Arguments.of("license", (Function<String, PackageSpec.Builder>) v -> minimal().license(v)),
                Arguments.of("group", (Function<String, PackageSpec.Builder>) v -> minimal().group(v)),
                Arguments.of("url", (Function<String, PackageSpec.Builder>) v -> minimal().url(v)),
                Arguments.of("vendor", (Function<String, PackageSpec.Builder>) v -> minimal().vendor(v)),
                Arguments.of("packager", (Function<String, PackageSpec.Builder>) v -> minimal().packager(v)),
                Arguments.of("buildHost", (Function<String, PackageSpec.Builder>) v -> minimal().buildHost(v)),
                Arguments.of("requires", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .dependency(Dependency.of(DependencyKind.REQUIRES, v))),
                Arguments.of("provides", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .dependency(Dependency.of(DependencyKind.PROVIDES, v))),
                Arguments.of("scriptlet 'post': script", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", v))),
                Arguments.of("scriptlet 'post': interpreter", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/" + v, "echo"))),
                Arguments.of("trigger 'triggerin': script", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .trigger(new Trigger(TriggerKind.values()[0], List.of(Dependency.of(DependencyKind.REQUIRES,
                                "httpd")), "/bin/sh", v))),
                Arguments.of("trigger 'triggerin' '", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .trigger(new Trigger(TriggerKind.values()[0], List.of(Dependency.of(DependencyKind.REQUIRES,
                                v)), "/bin/sh", "echo"))),
                Arguments.of("changelog entry", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .changelog(new ChangelogEntry(SamplePackages.BUILD_TIME, "Jane - 1.0-1", v))),
                Arguments.of(": author", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .changelog(new ChangelogEntry(SamplePackages.BUILD_TIME, v, "- First"))),
                Arguments.of("link target", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .entry(Entry.symlink("/opt/link", "/opt/" + v))),
                Arguments.of("path", (Function<String, PackageSpec.Builder>) v -> minimal()
                        .entry(Entry.directory("/opt/" + v))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerStrings")
    void refusesALoneSurrogateInEveryHeaderString(String where, Function<String, PackageSpec.Builder> place) {
        // "é" is two bytes, so the surrogate's offset counts bytes, not characters.
        assertOneProblem(place.apply("x\u00e9\uD800y"), where, "lone UTF-16 surrogate at byte");
        assertOneProblem(place.apply("x\uDC00"), where, "surrogate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerStrings")
    void refusesANulInEveryHeaderString(String where, Function<String, PackageSpec.Builder> place) {
        List<String> problems = problems(place.apply("x\u00e9\0y"));
        assertEquals(1, problems.size(), problems::toString);
        String problem = problems.get(0);
        assertTrue(problem.contains(where), () -> where + " not in: " + problem);
        assertTrue(problem.contains("NUL") || problem.contains("control character (code 0)")
                || problem.contains("empty or invalid"), problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerStrings")
    void acceptsEveryPlaneOfUnicodeInEveryHeaderString(String where, Function<String, PackageSpec.Builder> place)
            throws PackagingException {
        place.apply("gr\u00fc\u00df-\u4e16\u754c-\uD83D\uDE00").build();
    }

    @Test
    void refusesAStringNoHeaderCanHoldBeforeWriting() {
        String huge = "x".repeat(RpmLimits.MAX_HEADER_BLOB_SIZE);
        assertOneProblem(minimal().description(huge), "description is 268435456 bytes", "256 MiB");
        assertOneProblem(minimal().scriptlet(new Scriptlet(ScriptletPhase.POST, "/bin/sh", huge)),
                "scriptlet 'post': script is 268435456 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {PathRules.MAX_PATH_BYTES + 1, PathRules.MAX_PATH_BYTES + 2, RpmLimits.PATH_MAX, 10_000})
    void refusesPathsLongerThanRpmAccepts(int length) {
        assertOneProblem(minimal().entry(Entry.directory(pathOf(length))), "is " + length + " bytes long",
                "up to " + PathRules.MAX_PATH_BYTES);
    }

    @Test
    void acceptsThePathOfTheLongestLengthRpmAccepts() throws PackagingException {
        minimal().entry(Entry.directory(pathOf(PathRules.MAX_PATH_BYTES))).build();
    }

    @Test
    void countsPathLengthsInBytes() {
        String segment = "\u00e9".repeat(100); // 200 bytes
        StringBuilder path = new StringBuilder();
        while (path.length() * 2 <= PathRules.MAX_PATH_BYTES) {
            path.append('/').append(segment);
        }
        assertOneProblem(minimal().entry(Entry.directory(path.toString())), "bytes long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u00e9", "\u4e16", "\uD83D\uDE00"})
    void refusesANameOfMoreThan255Bytes(String character) throws PackagingException {
        int size = character.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String fits = character.repeat(RpmLimits.NAME_MAX / size);
        minimal().entry(Entry.directory("/opt/" + fits)).build();
        String over = character.repeat(RpmLimits.NAME_MAX / size + 1);
        assertOneProblem(minimal().entry(Entry.directory("/opt/" + over + "/sub")),
                "has a name of " + over.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes",
                "NAME_MAX");
    }

    @Test
    void refusesSymlinkTargetsLongerThanSymlinkAccepts() throws PackagingException {
        minimal().entry(Entry.symlink("/opt/link", pathOf(RpmLimits.PATH_MAX - 1))).build();
        for (int length : new int[] {RpmLimits.PATH_MAX, RpmLimits.PATH_MAX + 1, 100_000}) {
            assertOneProblem(minimal().entry(Entry.symlink("/opt/link", pathOf(length))),
                    "link target", "is " + length + " bytes", "up to 4095");
        }
        assertOneProblem(minimal().entry(Entry.symlink("/opt/link", "\u00e9".repeat(2048))), "is 4096 bytes");
    }

    @Test
    void refusesEntriesBeneathAFileOrASymlink() {
        Content content = Content.ofBytes(new byte[] {'x'}, "inline");
        assertOneProblem(minimal().entry(Entry.file("/opt/x/a", content)).entry(Entry.file("/opt/x/a/b", content)),
                "entry '/opt/x/a/b'", "beneath '/opt/x/a'", "a file");
        assertOneProblem(minimal().entry(Entry.symlink("/opt/x/a", "/srv")).entry(Entry.directory("/opt/x/a/b/c")),
                "entry '/opt/x/a/b/c'", "beneath '/opt/x/a'", "a symlink");
        assertOneProblem(minimal().entry(Entry.ghost("/opt/x/a")).entry(Entry.directory("/opt/x/a/b")),
                "beneath '/opt/x/a'");
        List<String> problems = problems(minimal().entry(Entry.file("/opt/x", content))
                .entry(Entry.directory("/opt/x/a")).entry(Entry.file("/opt/x/a/b", content)));
        assertEquals(2, problems.size(), "each entry beneath is named: " + problems);
    }

    @Test
    void acceptsSiblingsThatShareAPrefix() throws PackagingException {
        Content content = Content.ofBytes(new byte[] {'x'}, "inline");
        minimal().entry(Entry.file("/opt/x/a", content)).entry(Entry.file("/opt/x/ab", content))
                .entry(Entry.directory("/opt/x/a.d")).entry(Entry.file("/opt/x/a.d/b", content)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(foo", "foo)", ")foo(", "((foo)", "(foo))", "perl(Foo", "perl(Foo))"})
    void refusesDependenciesWithUnbalancedParentheses(String name) {
        for (DependencyKind kind : DependencyKind.values()) {
            assertOneProblem(minimal().dependency(Dependency.of(kind, name)), "'" + name + "'",
                    "unbalanced parentheses");
        }
        assertOneProblem(minimal().trigger(new Trigger(TriggerKind.values()[0],
                List.of(Dependency.of(DependencyKind.REQUIRES, name)), "/bin/sh", "echo")), "unbalanced parentheses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"perl(Foo)", "(foo)", "config(ok)", "perl(Foo::Bar)(x)"})
    void acceptsBalancedParentheses(String name) throws PackagingException {
        // "(foo)" is a rich dependency to rpm, which el7's rpm cannot read.
        minimal().targetRpm(TargetRpm.EL8).dependency(Dependency.of(DependencyKind.REQUIRES, name)).build();
    }

    /** An absolute path of exactly {@code length} ASCII bytes, in names of at most 200 bytes. */
    private static String pathOf(int length) {
        StringBuilder path = new StringBuilder();
        while (path.length() < length) {
            path.append('/').append("d".repeat(199));
        }
        path.setLength(length);
        if (path.charAt(length - 1) == '/') {
            path.setCharAt(length - 1, 'e');
        }
        return path.toString();
    }
}

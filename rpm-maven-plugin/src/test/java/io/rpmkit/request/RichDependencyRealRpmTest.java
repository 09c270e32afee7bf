package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.spec.Dependency;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.RpmGeneration;

/**
 * Rich dependencies read as rpmbuild reads them: each row is given to rpmspec (rpm 4.18 on the host,
 * rpm 6.1 in the sid root) in a spec file, and to our parser. Both must accept it, and store the
 * same normalized name with flags 0, or both refuse it; the few rows where we are stricter say why.
 */
class RichDependencyRealRpmTest {
    @TempDir
    Path dir;

    /** A rich dependency in a list; {@code stricter}: why we refuse what rpmbuild takes, else null. */
    record Row(DependencyKind kind, String text, String stricter) {
        @Override
        public String toString() {
            return kind.label() + ": " + text;
        }
    }

    static Row requires(String text) {
        return new Row(DependencyKind.REQUIRES, text, null);
    }

    static Stream<Arguments> rows() {
        List<Row> rows = new ArrayList<>(Stream.of(
                // Every operator, nested, with versions, as rpm's documentation shows them
                "(a or b)", "(a and b)", "(a if b)", "(a if b else c)", "(c >= 1.2 if d else e)",
                "(a with b)", "(a without b)", "(a with b with c)", "(a or b or c)", "(a)",
                "(a >= 1.0 and (b == 2 or c))", "(a =< 2 or b => 3)", "(a  ,  or b)", "(perl(Foo::Bar) >= 1.0 or b)",
                "(a = 1:2.0-3 or b)", "(a >= 1.0~rc1 or b)", "((a if b) and c)", "((a unless b) or c)",
                "(a if (b or c))", "((a or b) with c)", "(a if (b unless c))", "((a and b) or (c if d) and e)",
                "( a or b )", "(a\tor\tb)", "(a(x)y or b)", "(a or b,c)",
                // rpm's refusals: syntax
                "(foo", "(a or)", "()", "(a xor b)", "(a and b or c)", "(a if b if c)", "(a without b without c)",
                "(a or (b)", "(a >= )", "(a >= 1 >= 2)", "(a or b))",
                // rpm's refusals: combinations it gives no meaning
                "(a unless b)", "(a unless b else c)", "((a and b) with c)", "((a if b) or c)",
                "(a if b else (c unless d))", "(a with (b if c))", "(((a and b) or c) with d)",
                // rpm's refusals: the simple dependencies inside
                "(-a or b)", "(/usr/bin/x = 1 or b)", "(a = 1:2:3 or b)", "(a = 1-2-3 or b)", "(a = x:1 or b)",
                "(a = 1@2 or b)").map(RichDependencyRealRpmTest::requires).toList());
        rows.addAll(List.of(
                new Row(DependencyKind.CONFLICTS, "(a unless b)", null),
                new Row(DependencyKind.CONFLICTS, "(a if b)", null),
                new Row(DependencyKind.SUPPLEMENTS, "(a unless b else c)", null),
                new Row(DependencyKind.SUPPLEMENTS, "(a if b)", null),
                new Row(DependencyKind.ENHANCES, "(a and b)", null),
                new Row(DependencyKind.RECOMMENDS, "(a if b else c)", null),
                new Row(DependencyKind.RECOMMENDS, "(a unless b)", null),
                new Row(DependencyKind.SUGGESTS, "(a with b)", null),
                new Row(DependencyKind.PROVIDES, "(a or b)", null),
                new Row(DependencyKind.OBSOLETES, "(a or b)", null),
                new Row(DependencyKind.ORDER, "(a or b)", null),
                new Row(DependencyKind.REQUIRES, "(a else b)", "rpmbuild stores it, but 'else' means nothing"
                        + " without 'if' or 'unless'"),
                new Row(DependencyKind.REQUIRES, "(a or b) c", "rpmbuild reads two dependencies; an item of our"
                        + " list holds one"),
                new Row(DependencyKind.REQUIRES, "(a or b)(c)", "the same: two dependencies in one item"),
                new Row(DependencyKind.REQUIRES, "(a>=1 or b)", "rpmbuild takes 'a>=1' for a name, which no"
                        + " package provides")));
        List<Arguments> arguments = new ArrayList<>();
        for (RpmGeneration generation : List.of(RpmGeneration.RPM_4_18, RpmGeneration.RPM_6_1)) {
            rows.forEach(row -> arguments.add(Arguments.of(generation, row)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void acceptsAndRefusesWhatRpmbuildDoes(RpmGeneration generation, Row row) throws Exception {
        generation.requireTool("rpmspec");
        Path spec = Files.writeString(generation.workDir(dir).resolve("rich.spec"), """
                Name: rich
                Version: 1
                Release: 1
                Summary: rich
                License: MIT
                %s: %s
                %%description
                rich
                """.formatted(row.kind().label(), row.text()));
        String tag = row.kind().nameTag().name();
        String flags = row.kind().flagsTag().name();
        RealRpm.Result theirs = generation.run("rpmspec", "-q", "--qf", "[%{" + tag + "}|%{" + flags + "}\\n]",
                generation.path(spec));
        String ours;
        try {
            Dependency dependency = DependencyParser.parse(row.kind(), "list[0]", row.text());
            ours = dependency.name() + "|" + dependency.senseFlags() + "\n";
        } catch (IllegalArgumentException e) {
            ours = null;
            assertTrue(e.getMessage().startsWith("list[0] '" + row.text() + "'"), e.getMessage());
        }
        if (row.stricter() != null) {
            assertEquals(0, theirs.exitCode(), () -> "rpmbuild takes it: " + theirs.output());
            assertEquals(null, ours, "we refuse it: " + row.stricter());
        } else if (theirs.exitCode() == 0) {
            assertEquals(theirs.output(), ours, "rpm accepts it, stored as rpm stores it");
        } else {
            assertEquals(null, ours, () -> "rpm refuses it: " + theirs.output());
        }
    }
}

package io.rpmkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rpmkit.PackagingException;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.InstallContext;
import io.rpmkit.format.TriggerKind;
import io.rpmkit.testing.SamplePackages;

/**
 * Rich dependencies and the other new vocabulary as a library user hands them to the spec, without
 * the request layer: normalized as rpmbuild stores them, refused with the fault's position, and
 * refused on the targets that cannot read them. {@code RichDependencyRealRpmTest} holds the grammar
 * against the real rpmbuild.
 */
class RichDependencyTest {
    private static PackageSpec.Builder minimal(TargetRpm target) {
        return PackageSpec.builder().name("ok").version("1.0").summary("A package").license("MIT")
                .buildTime(SamplePackages.BUILD_TIME).targetRpm(target);
    }

    private static List<String> problems(PackageSpec.Builder builder) {
        return assertThrows(PackagingException.class, builder::build).problems();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "( a  >= 1.0 , or (b == 2) )|(a >= 1.0 or (b = 2))",
            "(a =< 1 or b => 2)|(a <= 1 or b >= 2)",
            "(perl(Foo::Bar) > 1:2-3 if (c unless d))|(perl(Foo::Bar) > 1:2-3 if (c unless d))",
            "(a with b with c)|(a with b with c)"})
    void storesTheFormRpmbuildStores(String written, String stored) {
        ParsedText parsed = RichDependency.parse(written, DependencyKind.REQUIRES);
        assertTrue(parsed.ok(), () -> parsed.problem().toString());
        assertEquals(stored, parsed.normalized());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(a or|1|the '(' is never closed",
            "(a or )|7|'or' has nothing after it",
            "( )|3|the parentheses are empty",
            "(a nor b)|4|'nor' is not an operator",
            "(a >= 1 or b >= )|17|'b >=' has no version",
            "(a if b else c else d)|16|'else' is repeated in one group",
            "(a or (b and c) with d)|17|'with' follows 'or' in one group",
            "((a if b) with c)|1|'with' combines only names",
            "(a>=1 or b)|3|'a>=1' holds a comparison sign",
            "(_a or -b)|8|'-b' does not start with a letter, digit, '_' or '/'",
            "(a else b)|4|'else' must follow 'if' or 'unless'"})
    void namesThePositionOfTheFault(String written, int position, String message) {
        ParsedText.Problem problem = RichDependency.parse(written, DependencyKind.REQUIRES).problem();
        assertEquals(position, problem.position(), problem::message);
        assertTrue(problem.message().startsWith(message), problem::message);
    }

    @Test
    void refusesInTheSpecWhatRpmCannotRead() {
        List<String> problems = problems(minimal(TargetRpm.EL8)
                .dependency(Dependency.of(DependencyKind.REQUIRES, "(a xor b)"))
                .dependency(Dependency.of(DependencyKind.REQUIRES, "(a or b)", Comparison.GREATER, "1"))
                .dependency(Dependency.of(DependencyKind.OBSOLETES, "(a or b)"))
                .trigger(new Trigger(TriggerKind.TRIGGERIN, List.of(Dependency.of(DependencyKind.REQUIRES, "(a or b)")),
                        "/bin/sh", "echo")));
        assertEquals(List.of("requires '(a xor b)' is not a rich dependency rpm reads: at character 4, 'xor' is not"
                + " an operator: use and, or, if, else, unless, with, without",
                "requires '(a or b)': a rich dependency carries its versions inside, e.g. (a >= 1.0 or b): remove the"
                        + " outer comparison",
                "obsoletes '(a or b)': rich dependencies are allowed in requires, recommends, suggests, supplements,"
                        + " enhances and conflicts only, as in rpm: list the names one by one",
                "trigger 'triggerin' '(a or b)': rpm takes no rich dependency as a trigger's condition: list the"
                        + " packages one by one"), problems);
    }

    @Test
    void refusesEachFeatureOnTheTargetsThatCannotReadIt() throws PackagingException {
        Dependency rich = Dependency.of(DependencyKind.RECOMMENDS, "(a or b)");
        Dependency meta = Dependency.of(DependencyKind.REQUIRES, "m").withContexts(Set.of(InstallContext.META));
        Trigger fileTrigger = Trigger.onFiles(TriggerKind.TRANSFILETRIGGERIN, List.of("/opt/p"), 5, "/bin/sh", "echo");
        assertEquals(List.of("targetRpm el7 (rpm 4.11) cannot read rich dependencies such as (a or b), which needs"
                + " rpm 4.13: choose a later targetRpm or do without it"), problems(minimal(TargetRpm.EL7).dependency(rich)));
        assertEquals(List.of("targetRpm el7 (rpm 4.11) cannot read file triggers (filetriggerin and friends), which"
                + " needs rpm 4.13: choose a later targetRpm or do without it"),
                problems(minimal(TargetRpm.EL7).trigger(fileTrigger)));
        assertEquals(List.of("targetRpm el8 (rpm 4.14) cannot read Requires(meta), which needs rpm 4.16: choose a"
                + " later targetRpm or do without it"), problems(minimal(TargetRpm.EL8).dependency(meta)));
        minimal(TargetRpm.EL8).dependency(rich).trigger(fileTrigger).build();
        minimal(TargetRpm.EL9).dependency(meta).build();
        assertEquals(0x20000000, meta.senseFlags(), "RPMSENSE_META");
    }
}

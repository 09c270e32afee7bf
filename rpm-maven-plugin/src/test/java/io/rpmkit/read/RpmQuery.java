package io.rpmkit.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmTag;

/**
 * One question asked of the real rpm ({@code rpm -qp --qf}, {@code --triggers},
 * {@code --filetriggers}, {@code rpm -K}) and of our reader, answered in the same text, so that a
 * test compares the two line by line. rpm prints header strings as the bytes they are; its output
 * is decoded as our reader decodes a header string ({@link HeaderEntry#decode}).
 */
final class RpmQuery {
    private static final String[][] SCRIPTLETS = {
        {"pretrans", "PRETRANS", "PRETRANSPROG", "PRETRANSFLAGS"},
        {"preinstall", "PREIN", "PREINPROG", "PREINFLAGS"},
        {"postinstall", "POSTIN", "POSTINPROG", "POSTINFLAGS"},
        {"preuninstall", "PREUN", "PREUNPROG", "PREUNFLAGS"},
        {"postuninstall", "POSTUN", "POSTUNPROG", "POSTUNFLAGS"},
        {"posttrans", "POSTTRANS", "POSTTRANSPROG", "POSTTRANSFLAGS"},
        {"verify", "VERIFYSCRIPT", "VERIFYSCRIPTPROG", "VERIFYSCRIPTFLAGS"},
    };

    /** The --qf format: package, files, dependencies of every kind, scriptlets with their flags. */
    static final String FORMAT = format();

    private RpmQuery() {
    }

    private static String format() {
        StringBuilder qf = new StringBuilder("N %{NAME}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SUMMARY}\\n");
        qf.append("[F %{FILENAMES}|%{LONGFILESIZES}|%{FILEMODES:octal}|%{FILELINKTOS}|%{FILEUSERNAME}|")
                .append("%{FILEGROUPNAME}|%{FILEFLAGS}\\n]");
        for (DependencyKind kind : DependencyKind.values()) {
            qf.append("[D ").append(kind.settingName()).append(" %{").append(kind.nameTag().name()).append("}|%{")
                    .append(kind.flagsTag().name()).append("}|%{").append(kind.versionTag().name()).append("}\\n]");
        }
        for (String[] s : SCRIPTLETS) {
            String line = "S " + s[0] + "|%|" + s[3] + "?{%{" + s[3] + "}}:{0}||[%{" + s[2] + "} ]|";
            qf.append("%|").append(s[1]).append("?{").append(line).append("%{").append(s[1]).append("}\\n}:{%|")
                    .append(s[2]).append("?{").append(line).append("\\n}|}|");
        }
        qf.append("TF [%{TRIGGERSCRIPTFLAGS} ]\\nFF [%{FILETRIGGERSCRIPTFLAGS} ]|[%{FILETRIGGERPRIORITIES} ]\\n");
        qf.append("XF [%{TRANSFILETRIGGERSCRIPTFLAGS} ]|[%{TRANSFILETRIGGERPRIORITIES} ]\\n");
        return qf.toString();
    }

    /** What rpm answers: the --qf lines, then --triggers and --filetriggers. */
    static String theirs(Path rpm) {
        return run("rpm", "-qp", "--nosignature", "--nodigest", "--qf", FORMAT, rpm.toString())
                + run("rpm", "-qp", "--nosignature", "--nodigest", "--triggers", rpm.toString())
                + run("rpm", "-qp", "--nosignature", "--nodigest", "--filetriggers", rpm.toString());
    }

    /** The same answer from our reader. */
    static String ours(RpmPackage pkg) {
        StringBuilder out = new StringBuilder();
        out.append("N ").append(pkg.name()).append('|').append(pkg.version()).append('|').append(pkg.release())
                .append('|').append(pkg.arch().orElse("(none)")).append('|').append(pkg.summary().orElse("(none)"))
                .append('\n');
        for (RpmFile f : pkg.files()) {
            out.append("F ").append(f.path()).append('|').append(f.size()).append('|')
                    .append(Integer.toOctalString(f.mode())).append('|').append(f.linkTo()).append('|')
                    .append(f.user()).append('|').append(f.group()).append('|')
                    .append(Integer.toUnsignedString(f.flags())).append('\n');
        }
        for (DependencyKind kind : DependencyKind.values()) {
            for (HeaderDependency d : pkg.dependencies(kind)) {
                out.append("D ").append(kind.settingName()).append(' ').append(d.name()).append('|')
                        .append(Integer.toUnsignedString(d.flags())).append('|').append(d.version()).append('\n');
            }
        }
        for (HeaderScriptlet s : pkg.scriptlets()) {
            out.append("S ").append(s.label()).append('|').append(s.flags()).append('|');
            s.interpreter().forEach(word -> out.append(word).append(' '));
            out.append('|').append(s.body()).append('\n');
        }
        List<HeaderTrigger> fileTriggers = pkg.fileTriggers().stream()
                .filter(t -> !t.type().startsWith("trans")).toList();
        List<HeaderTrigger> transTriggers = pkg.fileTriggers().stream()
                .filter(t -> t.type().startsWith("trans")).toList();
        out.append("TF ").append(numbers(pkg, RpmTag.TRIGGERSCRIPTFLAGS, pkg.triggers(), false)).append('\n');
        out.append("FF ").append(numbers(pkg, RpmTag.FILETRIGGERSCRIPTFLAGS, fileTriggers, false)).append('|')
                .append(numbers(pkg, RpmTag.FILETRIGGERPRIORITIES, fileTriggers, true)).append('\n');
        out.append("XF ").append(numbers(pkg, RpmTag.TRANSFILETRIGGERSCRIPTFLAGS, transTriggers, false)).append('|')
                .append(numbers(pkg, RpmTag.TRANSFILETRIGGERPRIORITIES, transTriggers, true)).append('\n');
        for (HeaderTrigger t : pkg.triggers()) {
            trigger(t, out);
        }
        for (HeaderTrigger t : pkg.fileTriggers()) {
            trigger(t, out);
        }
        return out.toString();
    }

    /** rpm's --triggers and --filetriggers lines, which print neither flags nor priorities. */
    private static void trigger(HeaderTrigger t, StringBuilder out) {
        out.append(t.type()).append(" scriptlet (using ").append(t.interpreter()).append(") -- ")
                .append(t.conditions().stream().map(HeaderDependency::toString).collect(Collectors.joining(", ")))
                .append('\n').append(t.body()).append('\n');
    }

    private static String numbers(RpmPackage pkg, RpmTag tag, List<HeaderTrigger> triggers, boolean priority) {
        if (!pkg.contains(tag)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        triggers.forEach(t -> text.append(priority ? t.priority() : t.flags()).append(' '));
        return text.toString();
    }

    /** {@code rpm -K --nosignature}: whether rpm finds every digest in order. */
    static boolean rpmSaysDigestsOk(Path rpm) {
        return exitCode("rpm", "-K", "--nosignature", rpm.toString()) == 0;
    }

    static String run(String... command) {
        Result result = exec(command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output);
        }
        return result.output;
    }

    static int exitCode(String... command) {
        return exec(command).exitCode;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(String... command) {
        try {
            Path errors = Files.createTempFile("rpmkit-query", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                        .redirectError(errors.toFile());
                builder.environment().put("LC_ALL", "C.UTF-8");
                Process process = builder.start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), HeaderEntry.decode(out, 0, out.length)
                        + (process.exitValue() == 0 ? "" : Files.readString(errors)));
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

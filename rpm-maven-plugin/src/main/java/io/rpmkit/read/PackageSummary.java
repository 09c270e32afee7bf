package io.rpmkit.read;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileModes;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.spec.ChangelogEntry;

/**
 * A readable summary of a package in the shapes of rpm's own queries: {@code rpm -qip} (without
 * Install Date, and with dates in UTC ISO form so the output is the same on every machine), then
 * {@code rpm -qlvp}, {@code rpm --scripts}, {@code --triggers}, the dependencies with their
 * contexts ({@code Requires(post): /bin/sh}) and {@code --changelog}. Pure: no I/O.
 */
public final class PackageSummary {
    private static final DateTimeFormatter FILE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CHANGELOG_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The file listing stops past this many characters, or this multiple of the package's size. */
    static final long LISTING_MINIMUM = 1L << 20;
    static final long LISTING_FACTOR = 2;

    private PackageSummary() {
    }

    public static String render(RpmPackage pkg) {
        StringBuilder out = new StringBuilder();
        info(pkg, out);
        files(pkg, out);
        scripts(pkg, out);
        dependencies(pkg, out);
        changelog(pkg, out);
        return out.toString();
    }

    private static void info(RpmPackage pkg, StringBuilder out) {
        line(out, "Name", pkg.name());
        if (pkg.epoch().isPresent()) {
            line(out, "Epoch", Integer.toString(pkg.epoch().getAsInt()));
        }
        line(out, "Version", pkg.version());
        line(out, "Release", pkg.release());
        line(out, "Architecture", pkg.arch().orElse("(none)"));
        line(out, "Group", pkg.group().orElse("(none)"));
        line(out, "Size", pkg.installedSize().isPresent() ? Long.toString(pkg.installedSize().getAsLong()) : "(none)");
        line(out, "License", pkg.license().orElse("(none)"));
        line(out, "Signature", signature(pkg));
        line(out, "Source RPM", pkg.sourceRpm().orElse("(none)"));
        line(out, "Build Date", pkg.buildTime().map(Instant::toString).orElse("(none)"));
        line(out, "Build Host", pkg.buildHost().orElse("(none)"));
        // rpm -qi shows these three only when the package has them.
        pkg.packager().ifPresent(value -> line(out, "Packager", value));
        pkg.vendor().ifPresent(value -> line(out, "Vendor", value));
        pkg.url().ifPresent(value -> line(out, "URL", value));
        line(out, "Summary", pkg.summary().orElse("(none)"));
        out.append("Description :\n").append(pkg.description().orElse("(none)")).append('\n');
    }

    /**
     * The first signature rpm would check, described but not verified (that takes keys, see
     * {@link RpmPackage#verifySignatures}); a packet that is not one OpenPGP signature is BAD.
     */
    private static String signature(RpmPackage pkg) {
        List<SignatureVerifier.Packet> packets = SignatureVerifier.packets(pkg.signature());
        if (packets.isEmpty()) {
            return "(none)";
        }
        SignatureVerifier.Packet first = packets.get(0);
        String more = packets.size() > 1 ? " (and " + (packets.size() - 1) + " more)" : "";
        if (!SignatureVerifier.isWellFormed(first)) {
            return "BAD: " + first.tag().name() + " is not an OpenPGP signature packet" + more;
        }
        return OpenPgpSignature.describe(first.bytes()).orElseThrow() + " (" + first.tag().name() + ", not verified)"
                + more;
    }

    private static void files(RpmPackage pkg, StringBuilder out) {
        out.append("\nFiles:\n");
        if (pkg.files().isEmpty()) {
            out.append("(contains no files)\n");
        }
        // A header can give every file one long shared directory name: the listing would then be far
        // larger than the package. It stops at a multiple of the package's size and says so.
        long budget = Math.max(LISTING_MINIMUM, LISTING_FACTOR * pkg.fileSize());
        long listed = 0;
        List<RpmFile> files = pkg.files();
        for (int i = 0; i < files.size(); i++) {
            RpmFile file = files.get(i);
            listed += file.pathLength() + file.linkTo().length();
            if (listed > budget) {
                long rest = 0;
                for (int j = i; j < files.size(); j++) {
                    rest += files.get(j).pathLength();
                }
                out.append("... ").append(files.size() - i).append(" more files not listed: their paths take ")
                        .append(rest).append(" characters, more than ").append(LISTING_FACTOR)
                        .append(" times the package's size (their directory names are shared in the header)\n");
                break;
            }
            out.append(String.format(Locale.ROOT, "%s %-8s %-8s %10d %s %s", modeString(file.mode()), file.user(),
                    file.group(), file.size(), FILE_DATE.format(Instant.ofEpochSecond(file.mtime())), file.path()));
            if (file.isSymlink()) {
                out.append(" -> ").append(file.linkTo());
            }
            List<String> attributes = QueryWords.fileAttributes(file.flags());
            if (!attributes.isEmpty()) {
                out.append(" (").append(String.join(",", attributes)).append(')');
            }
            out.append('\n');
        }
    }

    /**
     * As {@code rpm --scripts}, {@code --triggers} and {@code --filetriggers} print them; flags rpm
     * 4.18 does not print are added as the spec-file options that set them ({@code , with -e}).
     */
    private static void scripts(RpmPackage pkg, StringBuilder out) {
        for (HeaderScriptlet script : pkg.scriptlets()) {
            out.append('\n');
            if (script.body().isEmpty()) {
                out.append(script.label()).append(" program: ").append(script.program())
                        .append(with(script.flagOptions())).append('\n');
            } else {
                out.append(script.label()).append(" scriptlet (using ").append(script.program())
                        .append(with(script.flagOptions())).append("):\n").append(script.body()).append('\n');
            }
        }
        for (HeaderTrigger trigger : pkg.triggers()) {
            trigger(trigger, out);
        }
        for (HeaderTrigger trigger : pkg.fileTriggers()) {
            trigger(trigger, out);
        }
    }

    private static void trigger(HeaderTrigger trigger, StringBuilder out) {
        out.append('\n').append(trigger.type()).append(" scriptlet (using ").append(trigger.interpreter())
                .append(with(trigger.flagOptions()));
        if (trigger.priority() != 0) {
            out.append(", priority ").append(trigger.priority());
        }
        out.append(") -- ")
                .append(trigger.conditions().stream().map(HeaderDependency::toString).collect(Collectors.joining(", ")))
                .append('\n').append(trigger.body()).append('\n');
    }

    private static String with(List<String> options) {
        return options.isEmpty() ? "" : ", with " + String.join(" ", options);
    }

    private static void dependencies(RpmPackage pkg, StringBuilder out) {
        for (DependencyKind kind : DependencyKind.values()) {
            List<HeaderDependency> list = pkg.dependencies(kind);
            if (list.isEmpty()) {
                continue;
            }
            out.append('\n');
            for (HeaderDependency dependency : list) {
                List<String> contexts = dependency.contexts();
                out.append(kind.label());
                if (!contexts.isEmpty()) {
                    out.append('(').append(String.join(",", contexts)).append(')');
                }
                out.append(": ").append(dependency).append('\n');
            }
        }
    }

    private static void changelog(RpmPackage pkg, StringBuilder out) {
        if (pkg.changelog().isEmpty()) {
            return;
        }
        out.append("\nChangelog:\n");
        for (ChangelogEntry entry : pkg.changelog()) {
            out.append("* ").append(CHANGELOG_DATE.format(entry.time())).append(' ').append(entry.author())
                    .append('\n').append(entry.text()).append("\n\n");
        }
    }

    /** {@code ls -l} style, as rpm's {@code perms} format: {@code -rw-r--r--}, {@code drwxr-xr-x}. */
    public static String modeString(int mode) {
        StringBuilder text = new StringBuilder(10);
        text.append(switch (mode & FileModes.TYPE_MASK) {
            case 0, FileModes.REGULAR -> '-';
            case FileModes.DIRECTORY -> 'd';
            case FileModes.SYMLINK -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '?';
        });
        permission(text, mode, 0400, 0200, 0100, 04000, 's');
        permission(text, mode, 040, 020, 010, 02000, 's');
        permission(text, mode, 04, 02, 01, 01000, 't');
        return text.toString();
    }

    private static void permission(StringBuilder text, int mode, int read, int write, int execute, int special,
            char specialChar) {
        text.append((mode & read) != 0 ? 'r' : '-');
        text.append((mode & write) != 0 ? 'w' : '-');
        boolean x = (mode & execute) != 0;
        if ((mode & special) != 0) {
            text.append(x ? specialChar : Character.toUpperCase(specialChar));
        } else {
            text.append(x ? 'x' : '-');
        }
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-12s: %s", label, value)).append('\n');
    }
}

package io.rpmkit.repo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.rpmkit.Console;
import io.rpmkit.format.Comparison;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.FileModes;
import io.rpmkit.format.Flags;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.read.HeaderDependency;
import io.rpmkit.read.HeaderEntry;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.spec.ChangelogEntry;

/**
 * Turns a package read by our reader into its metadata, by the rules createrepo_c applies
 * (src/parsehdr.c), so that dnf and yum see the same repository from either tool:
 * <ul>
 * <li>requires on {@code rpmlib(...)} are left out: rpm checks them itself;</li>
 * <li>a file requirement on one of the package's own files that primary.xml lists is left out,
 * and so is a requirement the package itself provides with the same flags and version;</li>
 * <li>a requirement is left out when it repeats the previous one of the same name (flags,
 * version and {@code pre} alike);</li>
 * <li>of the requirements on {@code libc.so.6}, only the one with the highest symbol version is
 * kept, after the others;</li>
 * <li>{@code pre="1"} marks requirements that must hold before the scriptlets run: Requires(pre),
 * (post), (pretrans), (posttrans) and legacy PreReq. createrepo_c 0.17 marks only pre, post and
 * PreReq; 1.1.1 added pretrans and posttrans, which we follow;</li>
 * <li>a version splits into epoch (0 when not given), version and release at the first ':' and
 * the first '-' after it; a dependency whose epoch is not a number is left out with a warning;</li>
 * <li>the changelog keeps the newest {@code changelogLimit} entries, oldest first, authors without
 * trailing spaces, and entries of the same time a second apart (later entries later).</li>
 * </ul>
 */
final class PackageIndexer {
    private static final int PRE_FLAGS = Flags.SENSE_PREREQ | Flags.SENSE_SCRIPT_PRE | Flags.SENSE_SCRIPT_POST
            | Flags.SENSE_PRETRANS | Flags.SENSE_POSTTRANS;
    private static final String LIBC = "libc.so.6";
    /** createrepo_c's order of reading: provides first, since requires are checked against them. */
    private static final List<DependencyKind> READING_ORDER = List.of(DependencyKind.PROVIDES,
            DependencyKind.CONFLICTS, DependencyKind.OBSOLETES, DependencyKind.REQUIRES, DependencyKind.SUGGESTS,
            DependencyKind.ENHANCES, DependencyKind.RECOMMENDS, DependencyKind.SUPPLEMENTS);

    private final Console console;

    PackageIndexer(Console console) {
        this.console = console;
    }

    /**
     * @param location the package's path relative to the repository root
     * @param pkgid the SHA-256 of the package file
     * @param fileTime the {@code <time file>} value
     */
    PackageMetadata index(RpmPackage rpm, String location, String pkgid, long fileTime, int changelogLimit) {
        boolean source = rpm.header().entry(RpmTag.SOURCEPACKAGE.code()).isPresent();
        return new PackageMetadata(pkgid, rpm.name(), source ? "src" : rpm.arch().orElse(""),
                rpm.epoch().isPresent() ? Integer.toUnsignedLong(rpm.epoch().getAsInt()) : 0,
                rpm.version(), rpm.release(), MetadataText.of(rpm, RpmTag.SUMMARY),
                MetadataText.of(rpm, RpmTag.DESCRIPTION), MetadataText.of(rpm, RpmTag.PACKAGER),
                MetadataText.of(rpm, RpmTag.URL), fileTime, buildTime(rpm),
                rpm.fileSize(), rpm.installedSize().orElse(0), archiveSize(rpm), location,
                MetadataText.of(rpm, RpmTag.LICENSE), MetadataText.of(rpm, RpmTag.VENDOR), MetadataText.of(rpm, RpmTag.GROUP),
                MetadataText.of(rpm, RpmTag.BUILDHOST), MetadataText.of(rpm, RpmTag.SOURCERPM),
                rpm.headerOffset(), rpm.payloadOffset(), dependencies(rpm), files(rpm),
                changelog(asCreaterepoWritesIt(rpm), changelogLimit));
    }

    // Here and below no lambdas or record equality: each would spin classes on the first package a cold JVM indexes.
    private static long buildTime(RpmPackage rpm) {
        Optional<Instant> time = rpm.buildTime();
        return time.isPresent() ? time.get().getEpochSecond() : 0;
    }

    /**
     * The changelog with its names and texts from their bytes, see {@link MetadataText}. Here and
     * below the header's arrays are read directly, which the reader has checked: its record views
     * would decode every string once more.
     */
    private static List<ChangelogEntry> asCreaterepoWritesIt(RpmPackage rpm) {
        Instant[] times = rpm.header().times(RpmTag.CHANGELOGTIME);
        List<String> names = MetadataText.all(rpm, RpmTag.CHANGELOGNAME);
        List<String> texts = MetadataText.all(rpm, RpmTag.CHANGELOGTEXT);
        List<ChangelogEntry> converted = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            converted.add(new ChangelogEntry(times[i], names.get(i), texts.get(i)));
        }
        return converted;
    }

    /** As rpm reports it: the signature's LONGARCHIVESIZE or PAYLOADSIZE, else the main header's ARCHIVESIZE. */
    private static long archiveSize(RpmPackage rpm) {
        OptionalLong size = rpm.signature().number(SignatureTag.LONGARCHIVESIZE);
        if (size.isEmpty()) {
            size = rpm.signature().number(SignatureTag.PAYLOADSIZE);
        }
        if (size.isPresent()) {
            return size.getAsLong();
        }
        Optional<HeaderEntry> entry = rpm.header().entry(RpmTag.ARCHIVESIZE.code());
        int[] values = entry.isPresent() ? entry.get().int32s() : new int[0];
        return values.length > 0 ? Integer.toUnsignedLong(values[0]) : 0;
    }

    /**
     * The files, their names as createrepo_c writes them: it checks the joined path for UTF-8 and
     * converts a path that is not from Latin-1 as a whole (see {@link MetadataText}). The reader's
     * strings are kept where the path is UTF-8; a directory's converted form is made once.
     */
    private static List<MetadataFile> files(RpmPackage rpm) {
        List<byte[]> basenames = rpm.header().stringBytes(RpmTag.BASENAMES);
        List<byte[]> dirnames = rpm.header().stringBytes(RpmTag.DIRNAMES);
        int[] dirIndexes = rpm.header().int32(RpmTag.DIRINDEXES);
        short[] modes = rpm.header().int16(RpmTag.FILEMODES);
        int[] flags = rpm.header().int32(RpmTag.FILEFLAGS);
        String[] readDirnames = new String[dirnames.size()];
        String[] latin1Dirnames = new String[dirnames.size()];
        // A directory that is UTF-8 ends where a character ends: its files' paths are UTF-8 when their basenames are.
        Boolean[] utf8Dirnames = new Boolean[dirnames.size()];
        List<MetadataFile> files = new ArrayList<>(basenames.size());
        for (int i = 0; i < basenames.size(); i++) {
            int mode = modes.length > 0 ? Short.toUnsignedInt(modes[i]) : 0;
            MetadataFile.Type type = FileModes.isDirectory(mode) ? MetadataFile.Type.DIR
                    : flags.length > 0 && Flags.isGhost(flags[i]) ? MetadataFile.Type.GHOST
                    : MetadataFile.Type.FILE;
            int dir = dirIndexes[i];
            if (utf8Dirnames[dir] == null) {
                utf8Dirnames[dir] = MetadataText.isUtf8(dirnames.get(dir), new byte[0]);
            }
            String directory;
            String basename;
            if (utf8Dirnames[dir] ? MetadataText.isUtf8(basenames.get(i), new byte[0])
                    : MetadataText.isUtf8(dirnames.get(dir), basenames.get(i))) {
                // The path is UTF-8: its parts as the reader decodes them.
                if (readDirnames[dir] == null) {
                    readDirnames[dir] = HeaderEntry.decode(dirnames.get(dir));
                }
                directory = readDirnames[dir];
                basename = HeaderEntry.decode(basenames.get(i));
            } else {
                if (latin1Dirnames[dir] == null) {
                    latin1Dirnames[dir] = MetadataText.fromLatin1(dirnames.get(dir));
                }
                directory = dirnames.get(dir).length == 0 ? "" : latin1Dirnames[dir];
                basename = MetadataText.fromLatin1(basenames.get(i));
            }
            files.add(new MetadataFile(directory, basename, type));
        }
        return files;
    }

    /**
     * The file requirements that name one of the package's own files. Looked up by basename and
     * compared in parts, since building every path would take gigabytes for files sharing one
     * long directory name.
     */
    private static Set<String> ownFileRequirements(RpmPackage rpm) {
        Map<String, List<String>> byBasename = new HashMap<>();
        // The names and paths as the reader decodes them, from the header: the views would decode every kind.
        for (String name : rpm.header().strings(RpmTag.REQUIRENAME)) {
            if (name.startsWith("/")) {
                String basename = name.substring(name.lastIndexOf('/') + 1);
                List<String> names = byBasename.get(basename);
                if (names == null) {
                    names = new ArrayList<>();
                    byBasename.put(basename, names);
                }
                names.add(name);
            }
        }
        Set<String> own = new HashSet<>();
        if (byBasename.isEmpty()) {
            return own;
        }
        List<String> basenames = rpm.header().strings(RpmTag.BASENAMES);
        List<String> dirnames = rpm.header().strings(RpmTag.DIRNAMES);
        int[] dirIndexes = rpm.header().int32(RpmTag.DIRINDEXES);
        for (int i = 0; i < basenames.size(); i++) {
            List<String> names = byBasename.get(basenames.get(i));
            if (names == null) {
                continue;
            }
            MetadataFile file = new MetadataFile(dirnames.get(dirIndexes[i]), basenames.get(i), MetadataFile.Type.FILE);
            for (String name : names) {
                if (file.hasPath(name)) {
                    own.add(name);
                }
            }
        }
        return own;
    }

    private Map<DependencyKind, List<MetadataDependency>> dependencies(RpmPackage rpm) {
        Set<String> ownFiles = ownFileRequirements(rpm);
        Set<String> provided = new HashSet<>();
        Map<String, PreviousRequire> previousRequire = new HashMap<>();
        Map<DependencyKind, List<MetadataDependency>> all = new EnumMap<>(DependencyKind.class);
        for (DependencyKind kind : READING_ORDER) {
            List<MetadataDependency> list = new ArrayList<>();
            MetadataDependency highestLibc = null;
            List<String> names = MetadataText.all(rpm, kind.nameTag());
            List<String> versions = MetadataText.all(rpm, kind.versionTag());
            int[] senses = rpm.header().int32(kind.flagsTag());
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String version = i < versions.size() ? versions.get(i) : "";
                HeaderDependency dependency = new HeaderDependency(name, senses.length > 0 ? senses[i] : 0, version);
                String flags = flagName(dependency.flags());
                String key = name + '\0' + flags + '\0' + dependency.version();
                boolean pre = false;
                if (kind == DependencyKind.REQUIRES) {
                    if (name.startsWith("rpmlib(")
                            || (name.startsWith("/") && ownFiles.contains(name) && MetadataFile.isPrimaryPath(name))
                            || provided.contains(key)) {
                        continue;
                    }
                    pre = (dependency.flags() & PRE_FLAGS) != 0;
                    PreviousRequire previous = previousRequire.get(name);
                    if (previous != null && previous.repeatedBy(flags, dependency.version(), pre)) {
                        continue;
                    }
                }
                Optional<MetadataDependency> entry = entry(name, flags, dependency.version(), pre);
                if (entry.isEmpty()) {
                    console.warn(rpm.nevra() + ": " + kind.label() + " " + dependency + " has an epoch that is not a"
                            + " number; left out of the repository metadata, as createrepo_c does");
                    continue;
                }
                if (kind == DependencyKind.PROVIDES) {
                    provided.add(key);
                } else if (kind == DependencyKind.REQUIRES && name.startsWith(LIBC)) {
                    if (highestLibc == null || libcSymbolIsHigher(highestLibc.name(), name)) {
                        highestLibc = entry.get();
                    }
                    continue;
                } else if (kind == DependencyKind.REQUIRES) {
                    previousRequire.put(name, new PreviousRequire(flags, dependency.version(), pre));
                }
                list.add(entry.get());
            }
            if (highestLibc != null) {
                list.add(highestLibc);
            }
            all.put(kind, list);
        }
        return all;
    }

    /** The previous requirement of a name, as the header states it, for the duplicate check. */
    private record PreviousRequire(String flags, String version, boolean pre) {
        boolean repeatedBy(String otherFlags, String otherVersion, boolean otherPre) {
            return flags.equals(otherFlags) && version.equals(otherVersion) && pre == otherPre;
        }
    }

    /** createrepo_c's {@code cr_flag_to_str}: the comparison bits only; other combinations name none. */
    static String flagName(int senseFlags) {
        for (Comparison comparison : Comparison.values()) {
            if (comparison != Comparison.ANY && comparison.senseBits() == (senseFlags & 0xF)) {
                return switch (comparison) {
                    case LESS -> "LT";
                    case GREATER -> "GT";
                    case EQUAL -> "EQ";
                    case LESS_OR_EQUAL -> "LE";
                    case GREATER_OR_EQUAL -> "GE";
                    case ANY -> "";
                };
            }
        }
        return "";
    }

    /**
     * The entry with its version split; empty when the epoch is not a number. Without a comparison
     * the version is not written, so it is not kept either (its epoch is checked all the same).
     */
    static Optional<MetadataDependency> entry(String name, String flags, String version, boolean pre) {
        Optional<MetadataDependency> entry = split(name, flags, version, pre);
        return flags.isEmpty() && entry.isPresent() ? Optional.of(new MetadataDependency(name, flags, "", "", "", pre))
                : entry;
    }

    private static Optional<MetadataDependency> split(String name, String flags, String version, boolean pre) {
        if (version.isEmpty()) {
            return Optional.of(new MetadataDependency(name, flags, "", "", "", pre));
        }
        String epoch = "0";
        String rest = version;
        int colon = version.indexOf(':');
        if (colon >= 0) {
            String given = version.substring(0, colon);
            for (int i = 0; i < given.length(); i++) {
                if (given.charAt(i) < '0' || given.charAt(i) > '9') {
                    return Optional.empty();
                }
            }
            epoch = given.isEmpty() ? "0" : given;
            rest = version.substring(colon + 1);
        }
        int dash = rest.indexOf('-');
        String ver = dash < 0 ? rest : rest.substring(0, dash);
        String release = dash < 0 ? "" : rest.substring(dash + 1);
        return Optional.of(new MetadataDependency(name, flags, epoch, ver, release, pre));
    }

    /**
     * Whether {@code candidate} names a higher symbol version than {@code current}, comparing what
     * stands in the first parentheses from its first digit on, e.g. {@code libc.so.6(GLIBC_2.34)(64bit)}
     * over {@code libc.so.6(GLIBC_2.2.5)(64bit)} over {@code libc.so.6()(64bit)}.
     */
    static boolean libcSymbolIsHigher(String current, String candidate) {
        String a = symbolVersion(current);
        String b = symbolVersion(candidate);
        if (a == null || b == null) {
            return a == null && b != null;
        }
        return RpmVersions.compare(a, b) < 0;
    }

    /** The symbol version, {@code ""} for empty parentheses, null for none or a version without digits. */
    private static String symbolVersion(String name) {
        int open = name.indexOf('(');
        int close = open < 0 ? -1 : name.indexOf(')', open);
        if (close < 0) {
            return null;
        }
        int digit = open + 1;
        while (digit < close && !Character.isDigit(name.charAt(digit))) {
            digit++;
        }
        return name.substring(digit, close);
    }

    static List<MetadataChangelog> changelog(List<ChangelogEntry> entries, int limit) {
        int count = Math.min(limit, entries.size());
        long[] dates = new long[count];
        long lastTime = 0;
        for (int i = 0; i < count; i++) {
            long time = entries.get(i).time().getEpochSecond();
            dates[i] = time;
            if (time == lastTime) {
                // The entries before this one in the header (newer, later in the file) move a second up.
                long moving = time;
                for (int j = i - 1; j >= 0 && dates[j] == moving; j--) {
                    dates[j]++;
                    moving++;
                }
            } else {
                lastTime = time;
            }
        }
        List<MetadataChangelog> oldestFirst = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            ChangelogEntry entry = entries.get(i);
            oldestFirst.add(new MetadataChangelog(stripTrailingSpaces(entry.author()), dates[i], entry.text()));
        }
        return oldestFirst;
    }

    private static String stripTrailingSpaces(String author) {
        int end = author.length();
        while (end > 1 && author.charAt(end - 1) == ' ') {
            end--;
        }
        return author.substring(0, end);
    }
}

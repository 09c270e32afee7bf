package io.rpmkit.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.Tag;
import io.rpmkit.spec.ChangelogEntry;

/**
 * The record views of a main header (files, dependencies, scriptlets, triggers, changelog) built
 * from its parallel arrays. {@link #check} refuses a header whose arrays disagree in length or whose
 * indexes point nowhere, from the entries' counts and the indexes alone, when the package is read;
 * the views are built later, when asked for, and cannot fail then. Reading a package is cheap so:
 * the repository indexer reads the header's arrays itself and asks for none of them.
 */
final class PackageViews {
    private final RpmHeader header;
    private final String where;

    PackageViews(RpmHeader header, String where) {
        this.header = header;
        this.where = where + ": main header";
    }

    /** Every check of the views below: what would make one of them fail. */
    void check() throws PackagingException {
        checkFiles();
        for (DependencyKind kind : DependencyKind.values()) {
            checkLengths(header.count(kind.nameTag()), kind.nameTag(), lengths(header.count(kind.flagsTag()),
                    header.count(kind.versionTag())), kind.flagsTag(), kind.versionTag());
        }
        for (TriggerTags tags : TRIGGER_TAGS) {
            checkTriggers(tags);
        }
        int times = header.count(RpmTag.CHANGELOGTIME);
        requireLength(RpmTag.CHANGELOGNAME, header.count(RpmTag.CHANGELOGNAME), times, RpmTag.CHANGELOGTIME);
        requireLength(RpmTag.CHANGELOGTEXT, header.count(RpmTag.CHANGELOGTEXT), times, RpmTag.CHANGELOGTIME);
    }

    private void checkFiles() throws PackagingException {
        int n = header.count(RpmTag.BASENAMES);
        int dirnames = header.count(RpmTag.DIRNAMES);
        int[] dirIndexes = sized(RpmTag.DIRINDEXES, header.int32(RpmTag.DIRINDEXES), n, RpmTag.BASENAMES);
        checkLengths(n, RpmTag.BASENAMES, lengths(header.count(RpmTag.LONGFILESIZES), header.count(RpmTag.FILESIZES),
                header.count(RpmTag.FILEMODES), header.count(RpmTag.FILEMTIMES), header.count(RpmTag.FILEDIGESTS),
                header.count(RpmTag.FILELINKTOS), header.count(RpmTag.FILEFLAGS),
                header.count(RpmTag.FILEVERIFYFLAGS), header.count(RpmTag.FILEUSERNAME),
                header.count(RpmTag.FILEGROUPNAME), header.count(RpmTag.FILEINODES), header.count(RpmTag.FILEDEVICES)),
                RpmTag.LONGFILESIZES, RpmTag.FILESIZES, RpmTag.FILEMODES, RpmTag.FILEMTIMES, RpmTag.FILEDIGESTS,
                RpmTag.FILELINKTOS, RpmTag.FILEFLAGS, RpmTag.FILEVERIFYFLAGS, RpmTag.FILEUSERNAME,
                RpmTag.FILEGROUPNAME, RpmTag.FILEINODES, RpmTag.FILEDEVICES);
        int empty = header.firstEmptyString(RpmTag.BASENAMES);
        for (int i = 0; i < n; i++) {
            int dir = dirIndexes[i];
            if (dir < 0 || dir >= dirnames) {
                throw new PackagingException(where + " DIRINDEXES[" + i + "] is " + dir + "; DIRNAMES has "
                        + dirnames + " entries");
            }
            if (i == empty) {
                throw new PackagingException(where + " BASENAMES[" + i + "] is empty: file " + i
                        + " has no name; rpm needs one for every file");
            }
        }
    }

    List<RpmFile> files() {
        List<String> basenames = header.strings(RpmTag.BASENAMES);
        int n = basenames.size();
        List<String> dirnames = header.strings(RpmTag.DIRNAMES);
        int[] dirIndexes = header.int32(RpmTag.DIRINDEXES);
        long[] longSizes = header.int64(RpmTag.LONGFILESIZES);
        int[] sizes = header.int32(RpmTag.FILESIZES);
        short[] modes = header.int16(RpmTag.FILEMODES);
        int[] mtimes = header.int32(RpmTag.FILEMTIMES);
        List<String> digests = header.strings(RpmTag.FILEDIGESTS);
        List<String> links = header.strings(RpmTag.FILELINKTOS);
        int[] flags = header.int32(RpmTag.FILEFLAGS);
        int[] verify = header.int32(RpmTag.FILEVERIFYFLAGS);
        List<String> users = header.strings(RpmTag.FILEUSERNAME);
        List<String> groups = header.strings(RpmTag.FILEGROUPNAME);
        int[] inodes = header.int32(RpmTag.FILEINODES);
        int[] devices = header.int32(RpmTag.FILEDEVICES);
        List<RpmFile> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int dir = dirIndexes[i];
            long size = longSizes.length > 0 ? longSizes[i] : sizes.length > 0 ? Integer.toUnsignedLong(sizes[i]) : 0;
            files.add(new RpmFile(dirnames.get(dir), basenames.get(i), size,
                    modes.length > 0 ? Short.toUnsignedInt(modes[i]) : 0,
                    mtimes.length > 0 ? Integer.toUnsignedLong(mtimes[i]) : 0,
                    at(digests, i), at(links, i), at(flags, i), at(verify, i), at(users, i), at(groups, i),
                    at(inodes, i), at(devices, i)));
        }
        return List.copyOf(files);
    }

    Map<DependencyKind, List<HeaderDependency>> dependencies() {
        Map<DependencyKind, List<HeaderDependency>> all = new EnumMap<>(DependencyKind.class);
        for (DependencyKind kind : DependencyKind.values()) {
            List<String> names = header.strings(kind.nameTag());
            int[] flags = header.int32(kind.flagsTag());
            List<String> versions = header.strings(kind.versionTag());
            List<HeaderDependency> list = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                list.add(new HeaderDependency(names.get(i), at(flags, i), at(versions, i)));
            }
            all.put(kind, List.copyOf(list));
        }
        return all;
    }

    /**
     * The scriptlets in rpm's {@code --scripts} order; ScriptletPhase knows the install phases we
     * write, the reader adds the flags tags and the %verifyscript, which rpmbuild writes too.
     */
    private static final List<ScriptletTags> SCRIPTLET_TAGS = List.of(
            new ScriptletTags(RpmTag.PRETRANS, RpmTag.PRETRANSPROG, RpmTag.PRETRANSFLAGS),
            new ScriptletTags(RpmTag.PREIN, RpmTag.PREINPROG, RpmTag.PREINFLAGS),
            new ScriptletTags(RpmTag.POSTIN, RpmTag.POSTINPROG, RpmTag.POSTINFLAGS),
            new ScriptletTags(RpmTag.PREUN, RpmTag.PREUNPROG, RpmTag.PREUNFLAGS),
            new ScriptletTags(RpmTag.POSTUN, RpmTag.POSTUNPROG, RpmTag.POSTUNFLAGS),
            new ScriptletTags(RpmTag.POSTTRANS, RpmTag.POSTTRANSPROG, RpmTag.POSTTRANSFLAGS),
            new ScriptletTags(RpmTag.VERIFYSCRIPT, RpmTag.VERIFYSCRIPTPROG, RpmTag.VERIFYSCRIPTFLAGS));

    private record ScriptletTags(RpmTag script, RpmTag program, RpmTag flags) {
    }

    List<HeaderScriptlet> scriptlets() {
        List<HeaderScriptlet> list = new ArrayList<>();
        for (ScriptletTags tags : SCRIPTLET_TAGS) {
            List<String> program = header.strings(tags.program());
            String body = header.string(tags.script()).orElse(null);
            if (body != null || !program.isEmpty()) {
                list.add(new HeaderScriptlet(label(tags.script()), program, body == null ? "" : body,
                        (int) header.number(tags.flags()).orElse(0)));
            }
        }
        return List.copyOf(list);
    }

    private static String label(RpmTag scriptTag) {
        for (ScriptletPhase phase : ScriptletPhase.values()) {
            if (phase.scriptTag() == scriptTag) {
                return phase.queryLabel();
            }
        }
        return "verify";
    }

    /** The tags of one kind of trigger; {@code priorities} null for the kind that has none. */
    private record TriggerTags(String prefix, RpmTag scripts, RpmTag program, RpmTag scriptFlags, RpmTag name,
            RpmTag index, RpmTag flags, RpmTag version, RpmTag priorities) {
    }

    private static final TriggerTags TRIGGERS = new TriggerTags("trigger", RpmTag.TRIGGERSCRIPTS,
            RpmTag.TRIGGERSCRIPTPROG, RpmTag.TRIGGERSCRIPTFLAGS, RpmTag.TRIGGERNAME, RpmTag.TRIGGERINDEX,
            RpmTag.TRIGGERFLAGS, RpmTag.TRIGGERVERSION, null);
    private static final TriggerTags FILE_TRIGGERS = new TriggerTags("filetrigger", RpmTag.FILETRIGGERSCRIPTS,
            RpmTag.FILETRIGGERSCRIPTPROG, RpmTag.FILETRIGGERSCRIPTFLAGS, RpmTag.FILETRIGGERNAME,
            RpmTag.FILETRIGGERINDEX, RpmTag.FILETRIGGERFLAGS, RpmTag.FILETRIGGERVERSION,
            RpmTag.FILETRIGGERPRIORITIES);
    private static final TriggerTags TRANS_FILE_TRIGGERS = new TriggerTags("transfiletrigger",
            RpmTag.TRANSFILETRIGGERSCRIPTS, RpmTag.TRANSFILETRIGGERSCRIPTPROG, RpmTag.TRANSFILETRIGGERSCRIPTFLAGS,
            RpmTag.TRANSFILETRIGGERNAME, RpmTag.TRANSFILETRIGGERINDEX, RpmTag.TRANSFILETRIGGERFLAGS,
            RpmTag.TRANSFILETRIGGERVERSION, RpmTag.TRANSFILETRIGGERPRIORITIES);
    private static final List<TriggerTags> TRIGGER_TAGS = List.of(TRIGGERS, FILE_TRIGGERS, TRANS_FILE_TRIGGERS);

    List<HeaderTrigger> triggers() {
        return triggers(TRIGGERS);
    }

    /** %filetrigger* scripts, then %transfiletrigger* ones, as {@code rpm --filetriggers} lists them. */
    List<HeaderTrigger> fileTriggers() {
        List<HeaderTrigger> list = new ArrayList<>(triggers(FILE_TRIGGERS));
        list.addAll(triggers(TRANS_FILE_TRIGGERS));
        return List.copyOf(list);
    }

    private void checkTriggers(TriggerTags tags) throws PackagingException {
        int scripts = header.count(tags.scripts());
        int priorities = tags.priorities() == null ? 0 : header.count(tags.priorities());
        checkLengths(scripts, tags.scripts(), lengths(header.count(tags.program()), header.count(tags.scriptFlags()),
                priorities), tags.program(), tags.scriptFlags(),
                tags.priorities() == null ? tags.scriptFlags() : tags.priorities());
        int names = header.count(tags.name());
        int[] indexes = sized(tags.index(), header.int32(tags.index()), names, tags.name());
        checkLengths(names, tags.name(), lengths(header.count(tags.flags()), header.count(tags.version())),
                tags.flags(), tags.version());
        for (int i = 0; i < names; i++) {
            if (indexes[i] < 0 || indexes[i] >= scripts) {
                throw new PackagingException(where + " " + tags.index().name() + "[" + i + "] is " + indexes[i]
                        + "; " + tags.scripts().name() + " has " + scripts + " entries");
            }
        }
    }

    private List<HeaderTrigger> triggers(TriggerTags tags) {
        String prefix = tags.prefix();
        List<String> scripts = header.strings(tags.scripts());
        List<String> programs = header.strings(tags.program());
        int[] scriptFlags = header.int32(tags.scriptFlags());
        int[] priorities = tags.priorities() == null ? new int[0] : header.int32(tags.priorities());
        List<String> names = header.strings(tags.name());
        int[] indexes = header.int32(tags.index());
        int[] flags = header.int32(tags.flags());
        List<String> versions = header.strings(tags.version());
        List<List<HeaderDependency>> conditions = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            conditions.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            conditions.get(indexes[i]).add(new HeaderDependency(names.get(i), at(flags, i), at(versions, i)));
        }
        List<HeaderTrigger> list = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            List<HeaderDependency> on = conditions.get(i);
            String type = prefix + HeaderTrigger.typeOf(on.isEmpty() ? 0 : on.get(0).flags());
            String program = programs.isEmpty() ? "/bin/sh" : programs.get(i);
            list.add(new HeaderTrigger(type, on, program, scripts.get(i), at(scriptFlags, i), at(priorities, i)));
        }
        return List.copyOf(list);
    }

    List<ChangelogEntry> changelog() {
        Instant[] times = header.times(RpmTag.CHANGELOGTIME);
        List<String> names = header.strings(RpmTag.CHANGELOGNAME);
        List<String> texts = header.strings(RpmTag.CHANGELOGTEXT);
        List<ChangelogEntry> list = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            list.add(new ChangelogEntry(times[i], names.get(i), texts.get(i)));
        }
        return List.copyOf(list);
    }

    /** An array that must have one value per element of another, when present at all. */
    private int[] sized(Tag tag, int[] values, int n, Tag countedBy) throws PackagingException {
        requireLength(tag, values.length, n, countedBy);
        return values;
    }

    private void requireLength(Tag tag, int length, int n, Tag countedBy) throws PackagingException {
        if (length != n) {
            throw new PackagingException(where + " " + tag.name() + " has " + length + " values, but "
                    + countedBy.name() + " has " + n);
        }
    }

    /** Optional parallel arrays: absent (length 0) or as long as the array that counts. */
    private void checkLengths(int n, Tag countedBy, int[] lengths, Tag... tags) throws PackagingException {
        for (int i = 0; i < tags.length; i++) {
            if (lengths[i] != 0 && lengths[i] != n) {
                throw new PackagingException(where + " " + tags[i].name() + " has " + lengths[i] + " values, but "
                        + countedBy.name() + " has " + n);
            }
        }
    }

    private static int[] lengths(int... lengths) {
        return lengths;
    }

    private static String at(List<String> list, int i) {
        return list.isEmpty() ? "" : list.get(i);
    }

    private static int at(int[] values, int i) {
        return values.length == 0 ? 0 : values[i];
    }
}

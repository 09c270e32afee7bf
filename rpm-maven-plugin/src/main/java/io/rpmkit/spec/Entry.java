package io.rpmkit.spec;

import java.util.EnumSet;
import java.util.Set;

import io.rpmkit.format.FileFlag;
import io.rpmkit.format.VerifyFlag;

/**
 * One path of the package. A regular file has content unless it is a ghost; a symlink has a target;
 * a directory has neither. Every entry carries the package's build time as its mtime; null verify flags mean
 * rpm's default (verify everything).
 *
 * @param mode permission bits only (0 to 07777); the type bits come from the kind
 * @param caps a regular file's capabilities as {@code %caps(...)} takes them, e.g. cap_net_bind_service=ep
 *     ({@link FileCapabilities}); null for none
 */
public record Entry(
        String path,
        EntryKind kind,
        Content content,
        String linkTarget,
        int mode,
        String user,
        String group,
        Set<FileFlag> flags,
        Set<VerifyFlag> verify,
        String caps) {

    public static final int DEFAULT_FILE_MODE = 0644;
    public static final int DEFAULT_DIRECTORY_MODE = 0755;
    /** rpmbuild stores every symlink with all permission bits; Redline wrote 0644. */
    public static final int SYMLINK_MODE = 0777;

    /** An entry without capabilities. */
    public Entry(String path, EntryKind kind, Content content, String linkTarget, int mode, String user, String group,
            Set<FileFlag> flags, Set<VerifyFlag> verify) {
        this(path, kind, content, linkTarget, mode, user, group, flags, verify, null);
    }

    public Entry {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        verify = verify == null ? null : Set.copyOf(verify);
    }

    public static Entry file(String path, Content content) {
        return new Entry(path, EntryKind.FILE, content, null, DEFAULT_FILE_MODE, "root", "root", Set.of(), null);
    }

    public static Entry directory(String path) {
        return new Entry(path, EntryKind.DIRECTORY, null, null, DEFAULT_DIRECTORY_MODE, "root", "root", Set.of(),
                null);
    }

    public static Entry symlink(String path, String target) {
        return new Entry(path, EntryKind.SYMLINK, null, target, SYMLINK_MODE, "root", "root", Set.of(), null);
    }

    /** A %ghost file: owned and listed, never shipped; rpm creates nothing for it. */
    public static Entry ghost(String path) {
        return new Entry(path, EntryKind.FILE, null, null, DEFAULT_FILE_MODE, "root", "root",
                Set.of(FileFlag.GHOST), null);
    }

    public Entry withMode(int newMode) {
        return new Entry(path, kind, content, linkTarget, newMode, user, group, flags, verify, caps);
    }

    public Entry withOwner(String newUser, String newGroup) {
        return new Entry(path, kind, content, linkTarget, mode, newUser, newGroup, flags, verify, caps);
    }


    public Entry withFlags(Set<FileFlag> newFlags) {
        return new Entry(path, kind, content, linkTarget, mode, user, group, newFlags, verify, caps);
    }

    public Entry withVerify(Set<VerifyFlag> newVerify) {
        return new Entry(path, kind, content, linkTarget, mode, user, group, flags, newVerify, caps);
    }

    public Entry withCaps(String newCaps) {
        return new Entry(path, kind, content, linkTarget, mode, user, group, flags, verify, newCaps);
    }

    public boolean is(FileFlag flag) {
        return flags.contains(flag);
    }

    /** Whether the payload carries this entry: ghosts are listed in the header only. */
    public boolean inPayload() {
        return !is(FileFlag.GHOST);
    }

    public int fileMode() {
        return kind.typeBits() | mode;
    }
}

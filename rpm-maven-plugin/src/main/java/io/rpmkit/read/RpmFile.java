package io.rpmkit.read;

import io.rpmkit.format.FileModes;
import io.rpmkit.format.Flags;

/**
 * One file of a package as its header describes it.
 *
 * <p>The path is kept as its two parts and joined on demand: a header may give thousands of files
 * one long directory name, and joining them all up front would make a small file take gigabytes.
 *
 * @param directory DIRNAMES[DIRINDEXES[i]], shared by every file of the directory; empty in a
 *     source package, whose names are relative
 * @param basename BASENAMES[i]
 * @param size LONGFILESIZES when present, else FILESIZES read unsigned
 * @param mode type and permission bits, FILEMODES read unsigned
 * @param mtime seconds since the epoch, FILEMTIMES read unsigned
 * @param digest hex FILEDIGESTS entry in the package's FILEDIGESTALGO; empty for non-regular files
 * @param linkTo FILELINKTOS entry; empty unless a symlink
 * @param flags FILEFLAGS, see {@link Flags}{@code .FILE_*}
 * @param verifyFlags FILEVERIFYFLAGS
 * @param inode FILEINODES entry; files sharing device and inode are hard links
 * @param device FILEDEVICES entry
 */
public record RpmFile(String directory, String basename, long size, int mode, long mtime, String digest,
        String linkTo, int flags, int verifyFlags, String user, String group, int inode, int device) {
    /** Longer than any path rpm installs (PATH_MAX); such a path is shortened for messages. */
    static final int DISPLAY_LIMIT = 4096;

    /** The installed path, DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], built on each call. */
    public String path() {
        return directory + basename;
    }

    /** The length of {@link #path()}, without building it. */
    public long pathLength() {
        return (long) directory.length() + basename.length();
    }

    /** The path for messages and listings: whole up to {@value #DISPLAY_LIMIT} characters, else its ends. */
    public String displayPath() {
        if (pathLength() <= DISPLAY_LIMIT) {
            return path();
        }
        String tail = basename.length() > 200 ? basename.substring(basename.length() - 200) : basename;
        return directory.substring(0, 200) + "...(" + pathLength() + " characters)..." + tail;
    }

    public boolean isDirectory() {
        return FileModes.isDirectory(mode);
    }

    public boolean isRegularFile() {
        return (mode & FileModes.TYPE_MASK) == FileModes.REGULAR;
    }

    public boolean isSymlink() {
        return (mode & FileModes.TYPE_MASK) == FileModes.SYMLINK;
    }

    /** A %ghost file is owned by the package but not in its payload. */
    public boolean isGhost() {
        return Flags.isGhost(flags);
    }

    public boolean isConfig() {
        return (flags & Flags.FILE_CONFIG) != 0;
    }
}

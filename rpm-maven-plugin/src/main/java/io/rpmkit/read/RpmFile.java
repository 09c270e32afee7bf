package io.rpmkit.read;

import io.rpmkit.format.FileModes;
import io.rpmkit.format.Flags;

/**
 * One file of a package as its header describes it.
 *
 * @param path the absolute installed path, DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]
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
public record RpmFile(String path, long size, int mode, long mtime, String digest, String linkTo, int flags,
        int verifyFlags, String user, String group, int inode, int device) {

    public boolean isDirectory() {
        return (mode & FileModes.TYPE_MASK) == FileModes.DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & FileModes.TYPE_MASK) == FileModes.REGULAR;
    }

    public boolean isSymlink() {
        return (mode & FileModes.TYPE_MASK) == FileModes.SYMLINK;
    }

    /** A %ghost file is owned by the package but not in its payload. */
    public boolean isGhost() {
        return (flags & Flags.FILE_GHOST) != 0;
    }

    public boolean isConfig() {
        return (flags & Flags.FILE_CONFIG) != 0;
    }
}

package io.rpmkit.read;

import java.io.InputStream;
import java.util.OptionalInt;

import io.rpmkit.format.FileModes;

/**
 * One entry of the cpio payload. Its {@link #content()} is read from the payload stream itself,
 * so it is valid only until the next entry is asked for.
 */
public final class PayloadEntry {
    private final String name;
    private final RpmFile file;
    private final int mode;
    private final long size;
    private final long mtime;
    private final long inode;
    private final long links;
    private final int fileIndex;
    private final InputStream content;

    /** @param file for a stripped entry, whose name is the header's and built only when asked for */
    PayloadEntry(String name, RpmFile file, int mode, long size, long mtime, long inode, long links, int fileIndex,
            InputStream content) {
        this.name = name;
        this.file = file;
        this.mode = mode;
        this.size = size;
        this.mtime = mtime;
        this.inode = inode;
        this.links = links;
        this.fileIndex = fileIndex;
        this.content = content;
    }

    /** The path without the {@code ./} rpm writes before it, e.g. {@code usr/bin/tool}. */
    public String name() {
        return name != null ? name : CpioReader.stripDot(file.path());
    }

    /** The length of {@link #name()}, without building it. */
    public long nameLength() {
        return name != null ? name.length()
                : CpioReader.stripDot(file.directory()).length() + file.basename().length();
    }

    public int mode() {
        return mode;
    }

    /** Bytes of content; a symlink's content is its target. */
    public long size() {
        return size;
    }

    public long mtime() {
        return mtime;
    }

    public long inode() {
        return inode;
    }

    /** The cpio link count: above 1 for hard links, of which only the last carries the content. */
    public long links() {
        return links;
    }

    /**
     * The file's index in the header: given by the "stripped" cpio entries rpm writes when the
     * package has LONGFILESIZES (magic {@code 07070X}), found by name for newc entries. The reader
     * refuses an entry that names no file of the header, so it is always present.
     */
    public OptionalInt fileIndex() {
        return fileIndex < 0 ? OptionalInt.empty() : OptionalInt.of(fileIndex);
    }

    public InputStream content() {
        return content;
    }

    public boolean isDirectory() {
        return (mode & FileModes.TYPE_MASK) == FileModes.DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & FileModes.TYPE_MASK) == FileModes.REGULAR;
    }

    public boolean isSymlink() {
        return (mode & FileModes.TYPE_MASK) == FileModes.SYMLINK;
    }

    @Override
    public String toString() {
        return (nameLength() > RpmFile.DISPLAY_LIMIT ? file.displayPath() : name()) + " (mode "
                + Integer.toOctalString(mode) + ", " + size + " bytes)";
    }
}

package io.rpmkit.format;

/** The file-type bits of a mode (S_IF* of stat(2)), as FILEMODES and cpio headers store them. */
public final class FileModes {
    public static final int TYPE_MASK = 0170000;
    public static final int REGULAR = 0100000;
    public static final int DIRECTORY = 0040000;
    public static final int SYMLINK = 0120000;

    private FileModes() {
    }

    public static boolean isDirectory(int mode) {
        return (mode & TYPE_MASK) == DIRECTORY;
    }
}

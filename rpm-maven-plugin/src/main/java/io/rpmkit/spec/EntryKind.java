package io.rpmkit.spec;

import io.rpmkit.format.FileModes;

/** The three kinds of filesystem object a package can hold, with their file-type bits (S_IF*). */
public enum EntryKind {
    FILE(FileModes.REGULAR),
    DIRECTORY(FileModes.DIRECTORY),
    SYMLINK(FileModes.SYMLINK);

    private final int typeBits;

    EntryKind(int typeBits) {
        this.typeBits = typeBits;
    }

    public int typeBits() {
        return typeBits;
    }
}

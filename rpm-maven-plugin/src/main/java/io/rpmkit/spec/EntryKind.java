package io.rpmkit.spec;

/** The three kinds of filesystem object a package can hold, with their file-type bits (S_IF*). */
public enum EntryKind {
    FILE(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000);

    private final int typeBits;

    EntryKind(int typeBits) {
        this.typeBits = typeBits;
    }

    public int typeBits() {
        return typeBits;
    }
}

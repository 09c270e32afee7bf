package io.rpmkit.format;

/** A header tag: its number and the wire type rpm expects for it. */
public interface Tag {
    int code();

    TagType type();

    String name();
}

package io.rpmkit.read;

import java.io.IOException;

import io.rpmkit.PackagingException;

/** Called once per payload entry, in payload order; the entry's content is valid during the call only. */
@FunctionalInterface
public interface PayloadVisitor {
    void visit(PayloadEntry entry) throws IOException, PackagingException;
}

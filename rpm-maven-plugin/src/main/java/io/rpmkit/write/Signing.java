package io.rpmkit.write;

/**
 * How the writer signs a package: a header-only signature always, and the legacy signature over
 * header and payload, which rpm before 4.14 (EL7) checks, when asked.
 */
public record Signing(HeaderSigner signer, boolean legacy) {
}

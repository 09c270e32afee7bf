package io.rpmkit.format;

import org.redline_rpm.header.Signature;

/**
 * Signature-header tags ({@code RPMSIGTAG_*} in rpm's include/rpm/rpmtag.h; the ones below 1000
 * share numbers with {@code RPMTAG_*} header tags).
 */
public enum SignatureTag implements Tag {
    HEADERSIGNATURES(Signature.SignatureTag.SIGNATURES, TagType.BIN),
    /** RPMSIGTAG_RSA: OpenPGP signature over the header alone. */
    RSAHEADER(Signature.SignatureTag.RSAHEADER, TagType.BIN),
    /** RPMSIGTAG_DSA: OpenPGP signature over the header alone, for keys other than RSA (EdDSA, DSA, ECDSA). */
    DSAHEADER(Signature.SignatureTag.DSAHEADER, TagType.BIN),
    /** RPMSIGTAG_SHA1: hex SHA-1 of the header; the only header digest rpm 4.11 (EL7) checks. */
    SHA1HEADER(Signature.SignatureTag.SHA1HEADER, TagType.STRING),
    /** RPMSIGTAG_LONGSIZE: header plus compressed payload, when over 32 bits. */
    LONGSIZE(270, TagType.INT64),
    /** RPMSIGTAG_LONGARCHIVESIZE: uncompressed payload, when over 32 bits. */
    LONGARCHIVESIZE(271, TagType.INT64),
    /** RPMSIGTAG_SHA256: hex SHA-256 of the header. */
    SHA256HEADER(Signature.SignatureTag.SHA256HEADER, TagType.STRING),
    /** RPMSIGTAG_SIZE: header plus compressed payload. */
    SIZE(Signature.SignatureTag.LEGACY_SIGSIZE, TagType.INT32),
    /** RPMSIGTAG_PGP: OpenPGP signature over header and payload (legacy, for old rpm). */
    PGP(Signature.SignatureTag.LEGACY_PGP, TagType.BIN),
    /** RPMSIGTAG_GPG: OpenPGP signature over header and payload for keys other than RSA (legacy). */
    GPG(Signature.SignatureTag.LEGACY_GPG, TagType.BIN),
    /** RPMSIGTAG_MD5: MD5 of header and compressed payload. */
    MD5(Signature.SignatureTag.LEGACY_MD5, TagType.BIN),
    /** RPMSIGTAG_PAYLOADSIZE: uncompressed payload size. */
    PAYLOADSIZE(Signature.SignatureTag.PAYLOADSIZE, TagType.INT32),
    /** RPMSIGTAG_SHA3_256 (279): hex SHA3-256 of the header; v6 packages carry it beside SHA256HEADER. */
    SHA3_256HEADER(279, TagType.STRING),
    /**
     * RPMSIGTAG_RESERVED (999, RPMTAG_SIG_TOP): zeros that v6 packages end their signature header with,
     * room that signing later uses up instead of growing the header. Every tag of a v6 signature header
     * is below it.
     */
    RESERVED(999, TagType.BIN),
    /**
     * RPMSIGTAG_OPENPGP (rpm 6): any number of OpenPGP signatures over the header alone, each a
     * base64-encoded binary signature packet (not armored). rpm 6 checks these instead of
     * RSAHEADER, DSAHEADER, PGP and GPG when present; rpm 4 ignores the tag.
     */
    OPENPGP(278, TagType.STRING_ARRAY);

    private final int code;
    private final TagType type;

    SignatureTag(Signature.SignatureTag redlineTag, TagType type) {
        this(redlineTag.getCode(), type);
    }

    SignatureTag(int code, TagType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public TagType type() {
        return type;
    }
}

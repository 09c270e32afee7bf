package io.rpmkit.format;

/**
 * One OpenPGP signature for the signature header: the tag it is stored under and its packet bytes
 * (binary; under OPENPGP, which holds several, they are stored base64-encoded).
 */
public record SignatureValue(SignatureTag tag, byte[] packet) {
    public SignatureValue {
        if (tag.type() != TagType.BIN && tag != SignatureTag.OPENPGP) {
            throw new IllegalArgumentException(tag + " does not hold a signature");
        }
        packet = packet.clone();
    }

    @Override
    public byte[] packet() {
        return packet.clone();
    }
}

package io.rpmkit.format;

/** One OpenPGP signature for the signature header: the tag it is stored under and its packet bytes. */
public record SignatureValue(SignatureTag tag, byte[] packet) {
    public SignatureValue {
        if (tag.type() != TagType.BIN) {
            throw new IllegalArgumentException(tag + " does not hold a signature");
        }
        packet = packet.clone();
    }

    @Override
    public byte[] packet() {
        return packet.clone();
    }
}

package io.rpmkit.sign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;

/** Chooses the key that signs among the rings of a file; see {@link SigningKey} for the rule. */
record KeySelection(PGPSecretKeyRing ring, PGPSecretKey key) {
    private static final int KEY_ID_DIGITS = 16;
    private static final int FINGERPRINT_DIGITS = 40;

    static KeySelection select(List<PGPSecretKeyRing> rings, String keyIdOrFingerprint, String where)
            throws PackagingException {
        if (keyIdOrFingerprint == null || keyIdOrFingerprint.isBlank()) {
            return first(rings, where);
        }
        String wanted = keyIdOrFingerprint.replaceAll("\\s", "");
        boolean exact = wanted.endsWith("!");
        wanted = wanted.substring(wanted.startsWith("0x") || wanted.startsWith("0X") ? 2 : 0,
                wanted.length() - (exact ? 1 : 0));
        if (!wanted.matches("\\p{XDigit}+")
                || wanted.length() != KEY_ID_DIGITS && wanted.length() != FINGERPRINT_DIGITS) {
            throw new PackagingException("signing: key ID " + Quoting.quote(keyIdOrFingerprint) + " is neither a 16-digit key"
                    + " ID nor a 40-digit fingerprint" + (wanted.matches("\\p{XDigit}{8}")
                            ? " (8-digit short IDs are ambiguous)" : "")
                    + "; gpg --list-secret-keys --keyid-format long --with-subkey-fingerprints shows both");
        }
        for (PGPSecretKeyRing ring : rings) {
            for (PGPSecretKey key : ring) {
                if (matches(key, wanted)) {
                    return key.isMasterKey() && !exact ? fromPrimary(ring, where)
                            : checked(ring, key, where);
                }
            }
        }
        throw new PackagingException(where + " has no key " + Quoting.quote(keyIdOrFingerprint) + "; it holds: "
                + String.join("; ", SigningKey.describe(rings)));
    }

    private static boolean matches(PGPSecretKey key, String hex) {
        if (hex.length() == KEY_ID_DIGITS) {
            return Long.parseUnsignedLong(hex, 16) == key.getKeyID();
        }
        return HexFormat.of().formatHex(key.getPublicKey().getFingerprint()).equalsIgnoreCase(hex);
    }

    private static KeySelection first(List<PGPSecretKeyRing> rings, String where) throws PackagingException {
        for (PGPSecretKeyRing ring : rings) {
            KeySelection selection = usable(ring);
            if (selection != null) {
                return selection;
            }
        }
        throw new PackagingException(where + " has no key that can sign with its secret part present; it holds: "
                + String.join("; ", SigningKey.describe(rings)) + ". Export a key with signing capability [S]: "
                + SecretKeyFile.EXPORT_HINT);
    }

    private static KeySelection fromPrimary(PGPSecretKeyRing ring, String where) throws PackagingException {
        KeySelection selection = usable(ring);
        if (selection == null) {
            throw new PackagingException(where + ": key " + SigningKey.keyId(ring.getPublicKey()) + " and its"
                    + " subkeys cannot sign, or their secret parts are not in the file: "
                    + String.join("; ", SigningKey.describe(List.of(ring))) + ". Add a signing subkey (gpg"
                    + " --quick-add-key FINGERPRINT rsa4096 sign) and export again: " + SecretKeyFile.EXPORT_HINT);
        }
        return selection;
    }

    /** The newest signing subkey with its secret present, else the primary if it can sign, else null. */
    private static KeySelection usable(PGPSecretKeyRing ring) {
        List<PGPSecretKey> subkeys = new ArrayList<>();
        for (PGPSecretKey key : ring) {
            if (!key.isMasterKey() && isUsable(key)) {
                subkeys.add(key);
            }
        }
        subkeys.sort(Comparator.comparing((PGPSecretKey k) -> k.getPublicKey().getCreationTime()).reversed());
        if (!subkeys.isEmpty()) {
            return new KeySelection(ring, subkeys.get(0));
        }
        PGPSecretKey primary = ring.getSecretKey();
        return isUsable(primary) ? new KeySelection(ring, primary) : null;
    }

    private static boolean isUsable(PGPSecretKey key) {
        return !key.isPrivateKeyEmpty() && KeyUsage.canSign(key.getPublicKey());
    }

    private static KeySelection checked(PGPSecretKeyRing ring, PGPSecretKey key, String where)
            throws PackagingException {
        String name = where + ": key " + SigningKey.keyId(key.getPublicKey());
        if (!KeyUsage.canSign(key.getPublicKey())) {
            throw new PackagingException(name + " cannot sign: its usage is [" + KeyUsage.letters(key.getPublicKey())
                    + "]; name a key with [S] among: " + String.join("; ", SigningKey.describe(List.of(ring))));
        }
        if (key.isPrivateKeyEmpty()) {
            throw new PackagingException(name + ": its secret part is not in the file (gpg exported a stub: the"
                    + " key lives on a smartcard, or only other subkeys were exported); " + SecretKeyFile.EXPORT_HINT);
        }
        return new KeySelection(ring, key);
    }
}

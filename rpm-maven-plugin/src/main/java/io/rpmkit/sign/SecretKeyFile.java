package io.rpmkit.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import io.rpmkit.PackagingException;

/** Reads the secret key rings of a file as {@code gpg --export-secret-keys [--armor]} writes it. */
final class SecretKeyFile {
    /** A secret key file is a few KiB; a larger one is the wrong file, and is not read into memory. */
    static final long MAX_SIZE = 1024 * 1024;
    static final String EXPORT_HINT = "export it with: gpg --export-secret-keys --armor KEYID > signing-key.asc";

    private SecretKeyFile() {
    }

    static List<PGPSecretKeyRing> read(Path file) throws PackagingException {
        String where = "signing: key file " + file;
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new PackagingException(where + " is a directory; give the secret key file itself, "
                        + EXPORT_HINT);
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new PackagingException(where + " is " + size + " bytes, not a secret key file (those are a"
                        + " few KiB); " + EXPORT_HINT);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PackagingException(where + " does not exist; " + EXPORT_HINT, e);
        } catch (IOException e) {
            throw new PackagingException(where + " cannot be read: " + e.getMessage(), e);
        }
        List<PGPSecretKeyRing> secret = new ArrayList<>();
        int publicRings = 0;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
                if (object instanceof PGPSecretKeyRing ring) {
                    secret.add(ring);
                } else if (object instanceof PGPPublicKeyRing) {
                    publicRings++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports garbage in many ways; none of its messages help the user more than ours.
            if (secret.isEmpty()) {
                throw notAKeyFile(where, e);
            }
        }
        if (secret.isEmpty()) {
            if (publicRings > 0) {
                throw new PackagingException(where + " holds a public key only; signing needs the secret key: "
                        + EXPORT_HINT);
            }
            throw notAKeyFile(where, null);
        }
        return secret;
    }

    private static PackagingException notAKeyFile(String where, Exception cause) {
        return new PackagingException(where + " is not an OpenPGP secret key file; expected what gpg"
                + " --export-secret-keys writes, ASCII-armored (-----BEGIN PGP PRIVATE KEY BLOCK-----) or binary; "
                + EXPORT_HINT, cause);
    }
}

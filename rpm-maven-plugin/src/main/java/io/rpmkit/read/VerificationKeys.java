package io.rpmkit.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import io.rpmkit.PackagingException;

/**
 * The public keys a package's signatures are checked against, as {@code rpmkeys --import} gives
 * them to rpm: certificates read from files that {@code gpg --export [--armor]} writes (a keyring
 * of several keys too). A secret key file is accepted for its public part. Immutable.
 */
public final class VerificationKeys {
    /** A key file is a few KiB, a keyring of many keys some MiB; a larger file is the wrong one. */
    static final long MAX_SIZE = 16L * 1024 * 1024;
    static final String EXPORT_HINT = "export a public key with: gpg --export --armor KEYID > KEYID.asc";

    private final List<PGPPublicKeyRing> certificates;

    private VerificationKeys(List<PGPPublicKeyRing> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** No keys: every signature is NOKEY. */
    public static VerificationKeys none() {
        return new VerificationKeys(List.of());
    }

    /**
     * Reads every file; all files that cannot be read or hold no key are reported together.
     *
     * @param setting the name of the setting the files came from, for messages
     */
    public static VerificationKeys load(String setting, List<Path> files) throws PackagingException {
        List<PGPPublicKeyRing> certificates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                certificates.addAll(read(file));
            } catch (PackagingException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PackagingException(setting + ": " + String.join("; ", problems));
        }
        return new VerificationKeys(certificates);
    }

    /** The certificates, primary key first in each, in the order the files gave them. */
    public List<PGPPublicKeyRing> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** The certificate holding a primary key or subkey with this key ID, and that key. */
    Optional<Match> find(long keyId, byte[] issuerFingerprint) {
        for (PGPPublicKeyRing certificate : certificates) {
            for (PGPPublicKey key : certificate) {
                boolean same = issuerFingerprint != null ? Arrays.equals(issuerFingerprint, key.getFingerprint())
                        : key.getKeyID() == keyId;
                if (same) {
                    return Optional.of(new Match(certificate, key));
                }
            }
        }
        return Optional.empty();
    }

    record Match(PGPPublicKeyRing certificate, PGPPublicKey key) {
        PGPPublicKey primary() {
            return certificate.getPublicKey();
        }
    }

    private static List<PGPPublicKeyRing> read(Path file) throws PackagingException {
        String where = "key file " + file;
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new PackagingException(where + " is a directory; give the key files themselves, " + EXPORT_HINT);
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new PackagingException(where + " is " + size + " bytes, more than the " + MAX_SIZE
                        + " a keyring of public keys takes; " + EXPORT_HINT);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PackagingException(where + " does not exist; " + EXPORT_HINT, e);
        } catch (IOException e) {
            throw new PackagingException(where + " cannot be read: " + e.getMessage(), e);
        }
        List<PGPPublicKeyRing> found = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
                if (object instanceof PGPPublicKeyRing ring) {
                    found.add(ring);
                } else if (object instanceof PGPSecretKeyRing ring) {
                    found.add(ring.toCertificate());
                }
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports garbage in many ways; what was read before it stays usable.
            if (found.isEmpty()) {
                throw notAKeyFile(where);
            }
        }
        if (found.isEmpty()) {
            throw notAKeyFile(where);
        }
        return found;
    }

    private static PackagingException notAKeyFile(String where) {
        return new PackagingException(where + " holds no OpenPGP public key; expected what gpg --export writes,"
                + " ASCII-armored (-----BEGIN PGP PUBLIC KEY BLOCK-----) or binary; " + EXPORT_HINT);
    }
}

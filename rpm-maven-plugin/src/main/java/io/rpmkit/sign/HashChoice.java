package io.rpmkit.sign;

import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.bcpg.HashAlgorithmTags;

import io.rpmkit.Choice;
import io.rpmkit.Choices;
import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;

/**
 * The digest a signature is made over. SHA-1 and MD5 are not offered: RHEL 9's default crypto
 * policy rejects SHA-1 signatures, and both are broken for collisions.
 */
public enum HashChoice implements Choice {
    SHA256("sha256", "SHA256", HashAlgorithmTags.SHA256),
    SHA512("sha512", "SHA512", HashAlgorithmTags.SHA512);

    private final String settingName;
    private final String rpmName;
    private final int pgpId;

    HashChoice(String settingName, String rpmName, int pgpId) {
        this.settingName = settingName;
        this.rpmName = rpmName;
        this.pgpId = pgpId;
    }

    /** The value users write: {@code sha256}, {@code sha512}. */
    @Override
    public String settingName() {
        return settingName;
    }

    /** As {@code rpm -Kv} names it, e.g. the SHA256 of "RSA/SHA256". */
    public String rpmName() {
        return rpmName;
    }

    /** The OpenPGP hash algorithm number (RFC 4880 section 9.4). */
    int pgpId() {
        return pgpId;
    }

    /**
     * Reads a setting: {@code sha256} or {@code sha512}, case and a dash ignored ({@code SHA-512}).
     *
     * @param setting the setting's name, for the message
     */
    public static HashChoice of(String setting, String value) throws PackagingException {
        String normal = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace("-", "");
        Optional<HashChoice> choice = Choices.find(HashChoice.class, normal);
        if (choice.isPresent()) {
            return choice.get();
        }
        String why = switch (normal) {
            case "sha1", "md5" -> " is refused: it is broken for collisions and RHEL 9 rejects SHA-1 signatures;";
            default -> " is not a signature hash:";
        };
        throw new PackagingException("signing: " + setting + " " + Quoting.quote(value) + why + " use sha256 (the default)"
                + " or sha512");
    }
}

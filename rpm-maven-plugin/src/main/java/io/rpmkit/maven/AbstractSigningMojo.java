package io.rpmkit.maven;

import java.io.File;
import java.time.Instant;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import io.rpmkit.PackagingException;
import io.rpmkit.sign.PackageSigner;
import io.rpmkit.sign.SigningKey;
import io.rpmkit.write.Signing;

/** The signing parameters that the rpm, sign and yum-repository goals share, declared once. */
abstract class AbstractSigningMojo extends AbstractMojo {
    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /**
     * The secret key, ASCII-armored or binary: {@code gpg --export-secret-keys --armor KEYID > signing-key.asc};
     * nothing is signed when unset (the sign goal requires it).
     */
    @Parameter(property = "rpm.sign.keyFile")
    private File signKeyFile;

    /**
     * The key: 16-digit key ID or 40-digit fingerprint; a primary key signs with its newest signing
     * subkey, as gpg does (append ! for exactly this key). Default: the first key in the file that can sign.
     */
    @Parameter(property = "rpm.sign.keyId")
    private String signKeyId;

    /** The settings.xml server whose {@code <passphrase>} (or {@code <password>}) unlocks the key; may be encrypted. */
    @Parameter(property = "rpm.sign.passphraseServerId", defaultValue = SigningParameters.DEFAULT_SERVER_ID)
    private String signPassphraseServerId;

    /** The environment variable holding the passphrase when the server is not in settings.xml. */
    @Parameter(property = "rpm.sign.passphraseEnv", defaultValue = SigningParameters.DEFAULT_PASSPHRASE_ENV)
    private String signPassphraseEnv;

    /** sha256 or sha512; SHA-1 and MD5 are refused. */
    @Parameter(property = "rpm.sign.hash", defaultValue = "sha256")
    private String signHash;

    /** The configured signing settings; {@code legacy} asks for the header-and-payload signature too. */
    SigningParameters signingParameters(boolean legacy) {
        return new SigningParameters(signKeyFile, signKeyId, signPassphraseServerId, signPassphraseEnv, signHash,
                legacy);
    }

    /**
     * How the rpm goal signs what it writes, or null when no key file is set.
     *
     * @param time the signature time, the build time, so that signed packages are reproducible too
     */
    Signing signing(Instant time, boolean legacy) throws MojoFailureException {
        SigningParameters parameters = signingParameters(legacy);
        if (!parameters.isConfigured()) {
            return null;
        }
        try {
            return new Signing(new PackageSigner(loadKey(parameters), parameters.hash(), time), legacy);
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Loads and unlocks the key, the passphrase taken from settings.xml or the environment. */
    SigningKey loadKey(SigningParameters parameters) throws MojoFailureException {
        return parameters.loadKey(settings, settingsDecrypter, System.getenv());
    }
}

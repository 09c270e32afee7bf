package io.rpmkit.maven;

import java.io.File;
import java.util.Arrays;
import java.util.Map;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import io.rpmkit.PackagingException;
import io.rpmkit.Quoting;
import io.rpmkit.sign.HashChoice;
import io.rpmkit.sign.SigningKey;

/**
 * The signing settings of a goal and how they become an unlocked key. Shared by the sign goal and
 * the rpm goal: each declares the {@code @Parameter} fields (annotations are not inherited through
 * a field of another class) with the properties below, and hands their values here.
 *
 * <ul>
 * <li>{@code rpm.sign.keyFile}: the secret key, as {@code gpg --export-secret-keys --armor} writes it;</li>
 * <li>{@code rpm.sign.keyId}: key ID or fingerprint; default the first key that can sign;</li>
 * <li>{@code rpm.sign.passphraseServerId} ({@value #DEFAULT_SERVER_ID}): a settings.xml server whose
 * {@code <passphrase>} (or {@code <password>}), encrypted or not, unlocks the key;</li>
 * <li>{@code rpm.sign.passphraseEnv} ({@value #DEFAULT_PASSPHRASE_ENV}): else this environment variable;</li>
 * <li>{@code rpm.sign.hash}: sha256 (default) or sha512;</li>
 * <li>{@code rpm.sign.legacy}: also sign header and payload together, for rpm before 4.14 (EL7).</li>
 * </ul>
 *
 * There is deliberately no passphrase parameter: a pom or a command line is no place for it.
 */
final class SigningParameters {
    static final String DEFAULT_SERVER_ID = "rpm-signing";
    static final String DEFAULT_PASSPHRASE_ENV = "RPM_SIGN_PASSPHRASE";

    private final File keyFile;
    private final String keyId;
    private final String passphraseServerId;
    private final String passphraseEnv;
    private final String hash;
    private final boolean legacy;

    SigningParameters(File keyFile, String keyId, String passphraseServerId, String passphraseEnv, String hash,
            boolean legacy) {
        this.keyFile = keyFile;
        this.keyId = keyId;
        this.passphraseServerId = passphraseServerId;
        this.passphraseEnv = passphraseEnv;
        this.hash = hash;
        this.legacy = legacy;
    }

    /** Whether a key file is given, which is what asks the rpm goal to sign. */
    boolean isConfigured() {
        return keyFile != null;
    }

    boolean legacy() {
        return legacy;
    }

    HashChoice hash() throws MojoFailureException {
        try {
            return HashChoice.of("rpm.sign.hash", hash == null ? "sha256" : hash);
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /**
     * Loads and unlocks the key; the passphrase is read here, used once and wiped.
     *
     * @param decrypter decrypts {@code {...}} values with settings-security.xml; null to take them as written
     * @param environment the process environment ({@code System.getenv()})
     */
    SigningKey loadKey(Settings settings, SettingsDecrypter decrypter, Map<String, String> environment)
            throws MojoFailureException {
        if (keyFile == null) {
            throw new MojoFailureException("signing: rpm.sign.keyFile is not set; give the secret key file, e.g."
                    + " -Drpm.sign.keyFile=signing-key.asc, written by: gpg --export-secret-keys --armor KEYID >"
                    + " signing-key.asc");
        }
        hash();
        Passphrase passphrase = passphrase(settings, decrypter, environment);
        try {
            return SigningKey.load(keyFile.toPath(), keyId, passphrase.value(), passphrase.origin());
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } finally {
            passphrase.wipe();
        }
    }

    private record Passphrase(char[] value, String origin) {
        void wipe() {
            if (value != null) {
                Arrays.fill(value, '\0');
            }
        }
    }

    private Passphrase passphrase(Settings settings, SettingsDecrypter decrypter, Map<String, String> environment)
            throws MojoFailureException {
        Server server = isSet(passphraseServerId) && settings != null ? settings.getServer(passphraseServerId) : null;
        if (server != null) {
            String where = "server " + Quoting.quote(passphraseServerId) + " in settings.xml";
            Server decrypted = decrypt(server, decrypter, where);
            if (decrypted.getPassphrase() != null) {
                return new Passphrase(decrypted.getPassphrase().toCharArray(), "the <passphrase> of " + where);
            }
            if (decrypted.getPassword() != null) {
                return new Passphrase(decrypted.getPassword().toCharArray(), "the <password> of " + where);
            }
            throw new MojoFailureException("signing: " + where + " (rpm.sign.passphraseServerId) has neither"
                    + " <passphrase> nor <password>; add <passphrase>...</passphrase>, encrypted with"
                    + " mvn --encrypt-password if you like");
        }
        String fromEnvironment = isSet(passphraseEnv) ? environment.get(passphraseEnv) : null;
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return new Passphrase(fromEnvironment.toCharArray(), "the environment variable " + passphraseEnv);
        }
        return new Passphrase(null, "looked for " + (isSet(passphraseServerId) ? "server '" + passphraseServerId
                + "' in settings.xml (rpm.sign.passphraseServerId) and " : "")
                + (isSet(passphraseEnv) ? "the environment variable " + passphraseEnv + " (rpm.sign.passphraseEnv)"
                        : "no environment variable")
                + "; none is set");
    }

    private static Server decrypt(Server server, SettingsDecrypter decrypter, String where)
            throws MojoFailureException {
        if (decrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // Maven's message names the server and the failure, never the value.
                throw new MojoFailureException("signing: the passphrase of " + where + " cannot be decrypted: "
                        + problem.getMessage() + "; check ~/.m2/settings-security.xml");
            }
        }
        return result.getServer();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}

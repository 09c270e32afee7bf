package io.rpmkit.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The directories that the base system's packages own ({@code filesystem}, {@code systemd},
 * {@code firewalld}, ...): a package of ours never owns one, so that erasing it can never remove
 * them and rpm never reports two owners with different modes. The list is the one documented
 * place, {@code base-system-directories.txt} beside this class.
 */
public final class BaseSystemDirectories {
    private static final String LIST = "base-system-directories.txt";
    private static final Map<String, String> OWNERS = load();

    private BaseSystemDirectories() {
    }

    /** The package that owns {@code directory} on the base system, if one does. */
    public static Optional<String> owner(String directory) {
        return Optional.ofNullable(OWNERS.get(directory));
    }

    /** Every listed directory with its owning package, sorted by path. */
    public static Map<String, String> all() {
        return OWNERS;
    }

    private static Map<String, String> load() {
        Map<String, String> owners = new TreeMap<>();
        try (InputStream in = BaseSystemDirectories.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the plugin's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String owner = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (text.startsWith("[") && text.endsWith("]")) {
                    owner = text.substring(1, text.length() - 1);
                } else if (owner == null || !text.startsWith("/") || owners.put(text, owner) != null) {
                    throw new IllegalStateException(LIST + ": " + text + " is outside a [package] block or listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(owners);
    }
}

package io.rpmkit.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.PackagingException;
import io.rpmkit.read.HeaderEntry;
import io.rpmkit.read.RpmPackage;
import io.rpmkit.read.RpmReader;

/**
 * Looks for a secret (a passphrase, a private key's text) where a build could leak it: a build log,
 * a package (its raw bytes, every header value, every payload file decompressed) and exceptions
 * (messages, causes, suppressed ones, stack traces). The secret is looked for as written and in the
 * encodings a leak would likely take: UTF-16, hex and Base64. Each method returns where it was found;
 * an empty list means nowhere.
 *
 * <pre>
 * assertEquals(List.of(), SecretScan.inThrowable(passphrase, e));
 * assertEquals(List.of(), SecretScan.inPackage(passphrase, rpm));
 * assertEquals(List.of(), SecretScan.inLog(passphrase, basedir.toPath().resolve("build.log")));
 * </pre>
 */
public final class SecretScan {
    /** Shorter secrets match by chance; a test should use a long, unusual one. */
    public static final int MIN_LENGTH = 8;

    private SecretScan() {
    }

    public static List<String> inText(String secret, String where, String text) {
        return inBytes(secret, where, text.getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> inLog(String secret, Path log) throws IOException {
        return inBytes(secret, "log " + log, Files.readAllBytes(log));
    }

    /**
     * The raw file, then, if our reader can read it, each header value and each payload file: a
     * compressed payload hides its contents from the raw scan.
     */
    public static List<String> inPackage(String secret, Path rpm) throws IOException {
        List<String> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(rpm)) {
            found.addAll(inStream(secret, "package " + rpm + " (raw bytes)", in));
        }
        RpmPackage pkg;
        try {
            pkg = RpmReader.read(rpm);
        } catch (PackagingException e) {
            found.add("package " + rpm + " cannot be read, only its raw bytes were scanned: " + e.getMessage());
            return found;
        }
        for (HeaderEntry entry : pkg.signature().entries()) {
            found.addAll(inEntry(secret, "signature header tag " + entry.tag(), entry));
        }
        for (HeaderEntry entry : pkg.header().entries()) {
            found.addAll(inEntry(secret, "main header tag " + entry.tag(), entry));
        }
        try {
            pkg.forEachPayloadEntry(entry -> found.addAll(inStream(secret, "payload file " + entry.name(),
                    entry.content())));
        } catch (PackagingException e) {
            found.add("the payload of " + rpm + " cannot be read, it was not scanned: " + e.getMessage());
        }
        return found;
    }

    private static List<String> inEntry(String secret, String where, HeaderEntry entry) {
        return switch (entry.type()) {
            case BIN, CHAR, INT8 -> inBytes(secret, where, entry.bytes());
            default -> inText(secret, where, entry.describe());
        };
    }

    /** The throwable, its causes and suppressed ones: messages, toString() and the printed stack trace. */
    public static List<String> inThrowable(String secret, Throwable thrown) {
        List<String> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(thrown));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            String name = t.getClass().getName();
            found.addAll(inText(secret, name + " message", String.valueOf(t.getMessage())));
            found.addAll(inText(secret, name + " localized message", String.valueOf(t.getLocalizedMessage())));
            found.addAll(inText(secret, name + " toString", t.toString()));
            pending.add(t.getCause());
            pending.addAll(List.of(t.getSuppressed()));
        }
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(trace, true, StandardCharsets.UTF_8)) {
            thrown.printStackTrace(out);
        }
        found.addAll(inBytes(secret, "printed stack trace", trace.toByteArray()));
        return found;
    }

    public static List<String> inBytes(String secret, String where, byte[] bytes) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> form : forms(secret).entrySet()) {
            if (indexOf(bytes, bytes.length, form.getValue(), 0) >= 0) {
                found.add(where + " (" + form.getKey() + ")");
            }
        }
        return found;
    }

    /** Reads {@code in} once, keeping the last bytes of each block so that a secret across two blocks is found. */
    public static List<String> inStream(String secret, String where, InputStream in) throws IOException {
        Map<String, byte[]> forms = forms(secret);
        int longest = forms.values().stream().mapToInt(f -> f.length).max().orElseThrow();
        byte[] window = new byte[Math.max(1 << 16, 4 * longest)];
        Set<String> hits = new LinkedHashSet<>();
        int kept = 0;
        for (int n; (n = in.read(window, kept, window.length - kept)) > 0;) {
            int filled = kept + n;
            for (Map.Entry<String, byte[]> form : forms.entrySet()) {
                if (indexOf(window, filled, form.getValue(), 0) >= 0) {
                    hits.add(where + " (" + form.getKey() + ")");
                }
            }
            kept = Math.min(filled, longest - 1);
            System.arraycopy(window, filled - kept, window, 0, kept);
        }
        return new ArrayList<>(hits);
    }

    /** The secret as written and encoded; the UTF-16 forms are for binary scans only. */
    static Map<String, byte[]> forms(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a secret of at least " + MIN_LENGTH + " characters, please");
        }
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("as written", utf8);
        forms.put("UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE));
        forms.put("UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE));
        forms.put("hex", HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
        // Only whole 3-byte groups: the last characters depend on what follows the secret. Found
        // when the secret starts at a multiple of 3 bytes into the encoded data.
        byte[] groups = Arrays.copyOf(utf8, utf8.length / 3 * 3);
        forms.put("Base64", Base64.getEncoder().withoutPadding().encode(groups));
        forms.put("Base64url", Base64.getUrlEncoder().withoutPadding().encode(groups));
        return forms;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle, int from) {
        outer:
        for (int i = from; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

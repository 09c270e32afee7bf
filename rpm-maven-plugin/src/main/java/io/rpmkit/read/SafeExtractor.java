package io.rpmkit.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.rpmkit.PackagingException;
import io.rpmkit.format.FileModes;
import io.rpmkit.format.RpmLimits;
import io.rpmkit.format.RpmTag;

/**
 * Extracts a payload under a directory, for looking at a package's files (the inspect goal's
 * {@code extract}). The payload is untrusted, so every entry must land inside the directory: a
 * name that normalizes to somewhere else ({@code ../}, an absolute path) is refused, and no
 * directory on the way may be a symlink (an earlier entry could have made {@code a} point at
 * {@code /etc} to have {@code a/passwd} written there).
 *
 * <p>What rpm would install, as {@code rpm2cpio | cpio -idm} does, with these differences, each
 * reported in {@link Result#notes()}: device files, fifos and sockets are never created; set-uid,
 * set-gid and sticky bits are dropped; owners are not set. The reader has matched every entry to
 * its header file and holds it to the header's size; a regular file whose content does not have
 * the header's digest is removed and refused. Hard links are made as links. Nothing that exists is
 * overwritten: a file already in the directory, or one two entries would both write (two names that
 * decode to the same string), is refused. Directory modes are applied last, deepest first, so that
 * a 0500 directory does not stop its own files from being written.
 */
public final class SafeExtractor {
    private static final int PERMISSION_BITS = 0777;

    /**
     * What was written and what was left out (by name), in payload order, and every way the result
     * differs from what rpm would install (one line per entry, e.g. {@code usr/bin/x: set-uid bit
     * dropped, written as 0755}).
     */
    public record Result(List<Path> written, List<String> skipped, List<String> notes) {
        public Result {
            written = List.copyOf(written);
            skipped = List.copyOf(skipped);
            notes = List.copyOf(notes);
        }
    }

    private final Path root;
    private final String where;
    private final List<Path> written = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Long, List<Path>> waitingLinks = new HashMap<>();
    private final Set<Path> made = new HashSet<>();
    private final Map<Path, PayloadEntry> directories = new LinkedHashMap<>();
    private final RpmPackage pkg;

    private SafeExtractor(RpmPackage pkg, Path root, String where) {
        this.pkg = pkg;
        this.root = root;
        this.where = where;
    }

    public static Result extract(RpmPackage pkg, Path directory) throws PackagingException {
        String where = "extracting " + pkg.path() + " to " + directory;
        Path root;
        try {
            Files.createDirectories(directory);
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new PackagingException(where + ": the directory cannot be created: " + e, e);
        }
        SafeExtractor extractor = new SafeExtractor(pkg, root, where);
        pkg.forEachPayloadEntry(extractor::extract);
        extractor.finish();
        return new Result(extractor.written, extractor.skipped, extractor.notes);
    }

    private void extract(PayloadEntry entry) throws PackagingException {
        // Checked before the name is built: a header may give every file one huge directory name.
        if (entry.nameLength() > RpmLimits.MAX_CPIO_NAME_SIZE) {
            throw new PackagingException(where + ": payload entry " + entry + " has a name of " + entry.nameLength()
                    + " characters; no file system takes more than " + RpmLimits.MAX_CPIO_NAME_SIZE
                    + " (PATH_MAX), and rpm would fail to install it too");
        }
        Path target = target(entry.name());
        if (target.equals(root)) {
            // An entry for the directory itself ("./"); rpm never writes one, nothing to do.
            skipped.add(entry.name());
            return;
        }
        try {
            ensureDirectory(target.getParent());
            if (entry.isDirectory()) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    refuseExisting(entry, target);
                    Files.createDirectory(target);
                }
                made.add(target);
                directories.put(target, entry);
            } else if (entry.isSymlink()) {
                String link = symlinkTarget(entry);
                refuseExisting(entry, target);
                Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
                made.add(target);
            } else if (entry.isRegularFile()) {
                refuseExisting(entry, target);
                made.add(target);
                regularFile(entry, target);
            } else {
                skipped.add(entry.name());
                notes.add(entry.name() + ": " + kind(entry.mode()) + " not created (extraction never makes one)");
                return;
            }
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            // Reading the content can fail too (a corrupt payload); the cause's message tells which.
            throw new PackagingException(where + ": entry " + entry.name() + " cannot be extracted: "
                    + (e instanceof IOException io ? PayloadReader.describe(io) : e.getMessage()), e);
        }
        written.add(target);
    }

    /** Nothing is overwritten: not what was there before, not what another entry of the same name wrote. */
    private void refuseExisting(PayloadEntry entry, Path target) throws PackagingException {
        if (made.contains(target)) {
            throw new PackagingException(where + ": entry " + entry.name() + " would overwrite " + target
                    + ", which another entry of the package wrote: two names decode to the same string");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PackagingException(where + ": entry " + entry.name() + " would overwrite " + target
                    + ", which exists already; extraction never overwrites (extract into an empty directory)");
        }
    }

    private void regularFile(PayloadEntry entry, Path target) throws IOException, PackagingException {
        // A hard link set carries its content on the last link only; earlier links wait for it.
        if (entry.links() > 1 && entry.size() == 0 && header(entry).size() > 0) {
            waitingLinks.computeIfAbsent(entry.inode(), k -> new ArrayList<>()).add(target);
            return;
        }
        copyChecked(entry, target);
        applyAttributes(target, entry);
        for (Path link : waitingLinks.getOrDefault(entry.inode(), List.of())) {
            Files.createLink(link, target);
        }
        waitingLinks.remove(entry.inode());
    }

    /**
     * Writes the content (the reader holds it to the header's size) and checks it against the
     * header's digest, as rpm does; a file that does not match, or was cut short, is removed.
     */
    private void copyChecked(PayloadEntry entry, Path target) throws IOException, PackagingException {
        RpmFile file = header(entry);
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.ofPgpId((int) pkg.header()
                .number(RpmTag.FILEDIGESTALGO).orElse(DigestAlgorithm.MD5.pgpId()));
        MessageDigest digest = algorithm.isPresent() && !file.digest().isEmpty() ? algorithm.get().newDigest() : null;
        try (InputStream in = digest == null ? entry.content() : new DigestInputStream(entry.content(), digest)) {
            Files.copy(in, target);
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        if (digest != null && !HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(file.digest())) {
            Files.deleteIfExists(target);
            throw new PackagingException(where + ": entry " + entry.name() + " does not have the digest its header "
                    + "states (" + file.digest() + "); the file was removed, as rpm would not install it");
        }
    }

    private RpmFile header(PayloadEntry entry) {
        return pkg.files().get(entry.fileIndex().getAsInt());
    }

    /** Applies directory modes deepest first, once their files are written; reports links left waiting. */
    private void finish() throws PackagingException {
        List<Path> paths = new ArrayList<>(directories.keySet());
        Collections.reverse(paths);
        try {
            for (Path directory : paths) {
                applyAttributes(directory, directories.get(directory));
            }
        } catch (IOException e) {
            throw new PackagingException(where + ": directory attributes cannot be set: " + e.getMessage(), e);
        }
        waitingLinks.values().forEach(links -> links.forEach(link -> notes.add(root.relativize(link)
                + ": hard link whose content never came; not created")));
    }

    private static String kind(int mode) {
        return switch (mode & FileModes.TYPE_MASK) {
            case 0020000 -> "character device";
            case 0060000 -> "block device";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            default -> "file of type " + Integer.toOctalString(mode & FileModes.TYPE_MASK);
        };
    }

    /** The entry's place under the root, refused unless it normalizes to inside the root. */
    private Path target(String name) throws PackagingException {
        Path target;
        try {
            target = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new PackagingException(where + ": payload entry \"" + name + "\" is not a valid path: "
                    + e.getMessage(), e);
        }
        if (!target.startsWith(root)) {
            throw new PackagingException(where + ": payload entry \"" + name + "\" would be extracted to " + target
                    + ", outside " + root + "; refusing the package (entries must stay under the directory)");
        }
        return target;
    }

    /** Creates the directories down to {@code directory}, refusing any that is a symlink. */
    private void ensureDirectory(Path directory) throws IOException, PackagingException {
        Path current = root;
        for (Path part : root.relativize(directory)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new PackagingException(where + ": " + current + " is a symlink an earlier entry made; "
                        + "refusing to extract through it, as it may lead outside " + root);
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current,
                    LinkOption.NOFOLLOW_LINKS)) {
                throw new PackagingException(where + ": " + current + " is a file, not the directory the entries "
                        + "under it need; extraction never overwrites");
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
    }

    private String symlinkTarget(PayloadEntry entry) throws IOException, PackagingException {
        if (entry.size() > RpmLimits.MAX_CPIO_NAME_SIZE) {
            throw new PackagingException(where + ": symlink " + entry.name() + " has a target of " + entry.size()
                    + " bytes; accepted are up to " + RpmLimits.MAX_CPIO_NAME_SIZE);
        }
        ByteArrayOutputStream link = new ByteArrayOutputStream();
        entry.content().transferTo(link);
        return link.toString(StandardCharsets.UTF_8);
    }

    private void applyAttributes(Path target, PayloadEntry entry) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        int special = entry.mode() & 07000;
        if (special != 0) {
            List<String> bits = new ArrayList<>();
            if ((special & 04000) != 0) {
                bits.add("set-uid");
            }
            if ((special & 02000) != 0) {
                bits.add("set-gid");
            }
            if ((special & 01000) != 0) {
                bits.add("sticky");
            }
            notes.add(entry.name() + ": " + String.join(", ", bits) + " bit dropped, written as "
                    + String.format("%04o", entry.mode() & PERMISSION_BITS));
        }
        if (posix != null) {
            posix.setPermissions(permissions(entry.mode() & PERMISSION_BITS));
        } else {
            notes.add(entry.name() + ": mode " + String.format("%04o", entry.mode() & 07777)
                    + " not applied (the file system has no permission bits)");
        }
        Files.setLastModifiedTime(target, FileTime.fromMillis(entry.mtime() * 1000));
    }

    private static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ first, OTHERS_EXECUTE last
        for (int i = 0; i < all.length; i++) {
            if ((bits & (0400 >> i)) != 0) {
                set.add(all[i]);
            }
        }
        return set;
    }
}

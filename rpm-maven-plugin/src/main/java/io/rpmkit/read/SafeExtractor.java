package io.rpmkit.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rpmkit.PackagingException;
import io.rpmkit.format.RpmLimits;

/**
 * Extracts a payload under a directory, for looking at a package's files (the inspect goal's
 * {@code extract}). The payload is untrusted, so every entry must land inside the directory: a
 * name that normalizes to somewhere else ({@code ../}, an absolute path) is refused, and no
 * directory on the way may be a symlink (an earlier entry could have made {@code a} point at
 * {@code /etc} to have {@code a/passwd} written there). Regular files, directories and symlinks are
 * extracted; permission bits (without set-id bits) and times are applied where the file system
 * has them; device files, fifos and sockets are listed as skipped.
 */
public final class SafeExtractor {
    private static final int PERMISSION_BITS = 0777;

    /** What was written and what was left out (by name), in payload order. */
    public record Result(List<Path> written, List<String> skipped) {
        public Result {
            written = List.copyOf(written);
            skipped = List.copyOf(skipped);
        }
    }

    private final Path root;
    private final String where;
    private final List<Path> written = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<Long, List<Path>> waitingLinks = new HashMap<>();

    private SafeExtractor(Path root, String where) {
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
        SafeExtractor extractor = new SafeExtractor(root, where);
        pkg.forEachPayloadEntry(extractor::extract);
        return new Result(extractor.written, extractor.skipped);
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
                    Files.deleteIfExists(target);
                    Files.createDirectory(target);
                }
            } else if (entry.isSymlink()) {
                String link = symlinkTarget(entry);
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
            } else if (entry.isRegularFile()) {
                regularFile(entry, target);
            } else {
                skipped.add(entry.name());
                return;
            }
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            // Reading the content can fail too (a corrupt payload); the cause's message tells which.
            throw new PackagingException(where + ": entry " + entry.name() + " cannot be extracted: " + e, e);
        }
        written.add(target);
    }

    private void regularFile(PayloadEntry entry, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(target.toString(), null, "a directory of the same name came first");
        }
        Files.copy(entry.content(), target, StandardCopyOption.REPLACE_EXISTING);
        // A hard link set carries its content on the last link only; earlier links wait for it.
        if (entry.links() > 1 && entry.size() == 0) {
            waitingLinks.computeIfAbsent(entry.inode(), k -> new ArrayList<>()).add(target);
        } else {
            for (Path link : waitingLinks.getOrDefault(entry.inode(), List.of())) {
                Files.copy(target, link, StandardCopyOption.REPLACE_EXISTING);
                applyAttributes(link, entry);
            }
            waitingLinks.remove(entry.inode());
        }
        applyAttributes(target, entry);
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
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(current);
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

    private static void applyAttributes(Path target, PayloadEntry entry) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            posix.setPermissions(permissions(entry.mode() & PERMISSION_BITS));
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

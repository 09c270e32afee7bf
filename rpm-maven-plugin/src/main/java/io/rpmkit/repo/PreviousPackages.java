package io.rpmkit.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.rpmkit.PackagingException;

/**
 * An update's previous metadata, handed over package by package while {@link RepodataReader} still
 * reads it on a thread of its own, so that indexing and writing need not wait for the whole of it.
 * A package is asked for by its location and waits only while the answer can still come: until the
 * reader has passed the package's place in the order the metadata lists packages (file name, then
 * location: createrepo_c's order and ours), or, for metadata in another order, until it is done.
 *
 * <p>Reusing a package is only a shortcut: indexing it again gives the same metadata. So a package
 * not found in time is indexed, and metadata found damaged after packages were taken from it makes
 * the caller index everything again ({@link #takenThenFoundUnusable}).
 */
final class PreviousPackages {
    private final Map<String, PackageMetadata> byLocation = new HashMap<>();
    private String lastFileName;
    private String lastLocation;
    private boolean inOrder = true;
    private boolean complete;
    private boolean taken;
    private String unusable;
    private RuntimeException failure;

    private PreviousPackages() {
    }

    /** For a full run, or when there is no previous metadata. */
    static PreviousPackages none() {
        PreviousPackages none = new PreviousPackages();
        none.complete = true;
        return none;
    }

    /** Starts reading the repository's previous metadata, if it has any, on a thread of its own. */
    static PreviousPackages reading(Path directory) {
        if (!Files.exists(directory.resolve(RepositoryWriter.REPODATA).resolve("repomd.xml"))) {
            return none();
        }
        PreviousPackages previous = new PreviousPackages();
        Thread reader = new Thread(() -> {
            try {
                RepodataReader.read(directory, previous::add);
                previous.finish(null, null);
            } catch (PackagingException e) {
                previous.finish(e.getMessage(), null);
            } catch (RuntimeException e) {
                previous.finish(null, e);
            }
        }, "rpmkit-previous-repodata");
        reader.setDaemon(true);
        reader.start();
        return previous;
    }

    private synchronized void add(PackageMetadata pkg) {
        String location = pkg.location();
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        if (lastFileName != null && compare(fileName, location, lastFileName, lastLocation) < 0) {
            inOrder = false;
        }
        lastFileName = fileName;
        lastLocation = location;
        byLocation.putIfAbsent(location, pkg);
        notifyAll();
    }

    private synchronized void finish(String unusableBecause, RuntimeException bug) {
        unusable = unusableBecause;
        failure = bug;
        complete = true;
        notifyAll();
    }

    /** The previous metadata of the package at this place, or null when it has none (or none usable). */
    synchronized PackageMetadata await(String fileName, String location) throws InterruptedException {
        while (true) {
            if (unusable != null || failure != null) {
                return null;
            }
            PackageMetadata pkg = byLocation.get(location);
            if (pkg != null) {
                taken = true;
                return pkg;
            }
            boolean passed = inOrder && lastFileName != null
                    && compare(lastFileName, lastLocation, fileName, location) > 0;
            if (complete || passed) {
                return null;
            }
            wait();
        }
    }

    /** Waits for the reader; then why the previous metadata could not be used, or null. */
    synchronized String unusable() throws InterruptedException {
        while (!complete) {
            wait();
        }
        if (failure != null) {
            throw new IllegalStateException("reading the previous metadata failed", failure);
        }
        return unusable;
    }

    /** Whether packages were taken from metadata that then turned out damaged: their metadata cannot be trusted. */
    synchronized boolean takenThenFoundUnusable() throws InterruptedException {
        return unusable() != null && taken;
    }

    private static int compare(String fileName, String location, String otherFileName, String otherLocation) {
        int byName = fileName.compareTo(otherFileName);
        return byName != 0 ? byName : location.compareTo(otherLocation);
    }
}

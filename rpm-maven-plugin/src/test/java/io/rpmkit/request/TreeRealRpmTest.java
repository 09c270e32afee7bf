package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.StagingRpmbuild;

/**
 * The same staging tree packaged by rpmbuild and by us must list the same files, modes, owners, link
 * targets and flags: symlinks stay symlinks with their target as written, permission bits are kept
 * (keepModes all, what rpmbuild does), and a filtered tree owns the directories on the way to its files,
 * as a %files list naming them with %dir does.
 */
class TreeRealRpmTest {
    private static final String QUERY = "[%{FILENAMES} %{FILEMODES:perms} %{FILEUSERNAME} %{FILEGROUPNAME}"
            + " %{FILELINKTOS} %{FILEFLAGS:fflags}\n]";

    @TempDir
    Path dir;

    /** A service's staging tree with the modes and links rpmbuild users have, set explicitly, not by umask. */
    private Path stagingTree() throws IOException {
        Path tree = dir.resolve("stage");
        file(tree.resolve("bin/launch"), "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        file(tree.resolve("conf/secret.properties"), "k=v\n", "rw-------");
        file(tree.resolve("lib/app.jar"), "jar\n", "rw-r--r--");
        file(tree.resolve("lib/native/libx.so.1"), "so\n", "rwxr-xr-x");
        Files.createSymbolicLink(tree.resolve("lib/native/libx.so"), Path.of("libx.so.1"));
        Files.createSymbolicLink(tree.resolve("current"), Path.of("lib"));
        Files.createSymbolicLink(tree.resolve("etc"), Path.of("/etc"));
        Files.createDirectories(tree.resolve("data"));
        for (String directory : new String[] {"", "bin", "lib", "lib/native", "data"}) {
            Files.setPosixFilePermissions(tree.resolve(directory), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(tree.resolve("conf"), PosixFilePermissions.fromString("rwxr-x---"));
        return tree;
    }

    private static void file(Path file, String content, String permissions) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void aWholeTreeMatchesRpmbuild() throws Exception {
        RealRpm.requireTool("rpmbuild");
        Path tree = stagingTree();
        Path theirs = rpmbuild(tree, "/opt/demo\n");
        RequestHarness h = new RequestHarness(dir.resolve("ours"));
        h.entry("path=/opt/demo", "source=" + tree, "keepModes=all");
        String listed = RealRpm.query(h.execute(), QUERY);
        assertEquals(RealRpm.query(theirs, QUERY), listed);
        for (String line : new String[] {"/opt/demo/bin/launch -rwxr-xr-x root root  \n",
                "/opt/demo/conf drwxr-x--- root root  \n", "/opt/demo/conf/secret.properties -rw------- root root  \n",
                "/opt/demo/current lrwxrwxrwx root root lib \n", "/opt/demo/etc lrwxrwxrwx root root /etc \n",
                "/opt/demo/data drwxr-xr-x root root  \n"}) {
            assertTrue(listed.contains(line), () -> "no line " + line + " in:\n" + listed);
        }
    }

    @Test
    void aFilteredTreeMatchesAnRpmbuildFileListOfWhatItShips() throws Exception {
        RealRpm.requireTool("rpmbuild");
        Path tree = stagingTree();
        // What includes **/*.jar and **/*.so* select, with the directories on the way to them.
        Path theirs = rpmbuild(tree, """
                %dir /opt/demo
                %dir /opt/demo/lib
                %dir /opt/demo/lib/native
                /opt/demo/lib/app.jar
                /opt/demo/lib/native/libx.so
                /opt/demo/lib/native/libx.so.1
                """);
        RequestHarness h = new RequestHarness(dir.resolve("ours"));
        h.entry("path=/opt/demo", "source=" + tree, "includes=**/*.jar,**/*.so*");
        Path ours = h.execute();
        assertEquals(6, RealRpm.query(ours, QUERY).lines().count());
        // The default keepModes, executable, gives 0644 and 0755 here, the staging tree's own modes.
        assertEquals(RealRpm.query(theirs, QUERY), RealRpm.query(ours, QUERY));
    }

    /**
     * A staging root that mirrors the installed tree, packaged as one tree into /, with the package's own
     * directories stated once and attributes by path rule: what an rpmbuild %files list says with %dir,
     * %attr and %config lines. The base system's directories (/usr, /etc, /usr/lib/systemd/system, /var/lib)
     * stay unowned.
     */
    @Test
    void aStagingRootWithOwnedDirectoriesAndRulesMatchesAnRpmbuildFileList() throws Exception {
        RealRpm.requireTool("rpmbuild");
        Path root = dir.resolve("root");
        file(root.resolve("usr/share/hello/bin/hello"), "#!/bin/sh\necho hello\n", "rw-r--r--");
        file(root.resolve("usr/share/hello/lib/hello.jar"), "jar\n", "rw-r--r--");
        file(root.resolve("usr/share/hello/lib/ext/plugin.jar"), "jar\n", "rw-r--r--");
        file(root.resolve("etc/hello/hello.conf"), "port=8080\n", "rw-r--r--");
        file(root.resolve("etc/hello/conf.d/extra.conf"), "x=1\n", "rw-r--r--");
        file(root.resolve("usr/lib/systemd/system/hello.service"), "[Service]\nExecStart=/bin/true\n", "rw-r--r--");
        Files.createDirectories(root.resolve("var/lib/hello"));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path directory : all.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path theirs = rpmbuild(root, "/", """
                %dir /usr/share/hello
                %dir /usr/share/hello/bin
                %attr(0755,root,root) /usr/share/hello/bin/hello
                %dir /usr/share/hello/lib
                %dir /usr/share/hello/lib/ext
                /usr/share/hello/lib/hello.jar
                /usr/share/hello/lib/ext/plugin.jar
                %dir %attr(-,root,hello) /etc/hello
                %dir %attr(-,root,hello) /etc/hello/conf.d
                %config(noreplace) %attr(0640,root,hello) /etc/hello/hello.conf
                %config(noreplace) %attr(0640,root,hello) /etc/hello/conf.d/extra.conf
                /usr/lib/systemd/system/hello.service
                %dir %attr(0750,hello,hello) /var/lib/hello
                """);
        RequestHarness h = new RequestHarness(dir.resolve("ours"));
        h.entry("path=/", "source=" + root, "ownDirectories=false");
        for (String prefix : new String[] {"/usr/share/hello", "/etc/hello", "/var/lib/hello"}) {
            h.ownedDirectory(prefix);
        }
        h.rule("path=/usr/share/hello/bin/*", "mode=0755");
        h.rule("path=/etc/hello/**", "mode=0640", "group=hello", "flags=config,noreplace");
        h.rule("path=/var/lib/hello", "directoryMode=0750", "user=hello", "group=hello");
        String listed = RealRpm.query(h.execute(), QUERY);
        assertEquals(RealRpm.query(theirs, QUERY), listed);
        assertEquals(13, listed.lines().count(), listed);
    }

    /** Packages {@code tree} as /opt/demo with rpmbuild, the %files list as given, owners root. */
    private Path rpmbuild(Path tree, String files) throws Exception {
        return rpmbuild(tree, "/opt/demo", files);
    }

    /** Packages {@code tree} into {@code destination} with rpmbuild, the %files list as given. */
    private Path rpmbuild(Path tree, String destination, String files) throws Exception {
        return StagingRpmbuild.build(dir.resolve("rpmbuild"), "demo.spec", """
                Name: demo
                Version: 1.0.0
                Release: 1
                Summary: Demo package
                License: Apache-2.0
                BuildArch: noarch

                %description
                A staging tree.

                %install
                mkdir -p %{buildroot}DEST
                cp -a TREE/. %{buildroot}DEST/

                %files
                %defattr(-,root,root,-)
                """.replace("TREE", tree.toString()).replace("DEST", destination.equals("/") ? "" : destination) + files);
    }
}

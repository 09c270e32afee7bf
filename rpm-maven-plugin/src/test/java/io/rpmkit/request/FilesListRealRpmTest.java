package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rpmkit.Console;
import io.rpmkit.testing.RealRpm;
import io.rpmkit.testing.StagingRpmbuild;
import io.rpmkit.write.RpmWriter;

/**
 * The same %files text, given to rpmbuild in a spec and to us as a filesFile over the same staging root,
 * makes the same file list: paths, modes, owners, link targets, flags and verify flags.
 */
class FilesListRealRpmTest {
    private static final String QUERY = "[%{FILENAMES} %{FILEMODES:perms} %{FILEUSERNAME} %{FILEGROUPNAME}"
            + " %{FILELINKTOS} %{FILEFLAGS:fflags} %{FILEVERIFYFLAGS} %{FILECAPS}\n]";

    @TempDir
    Path dir;
    private Path root;

    @BeforeEach
    void stage() throws IOException {
        root = dir.resolve("root");
        file("usr/share/hello/bin/hello", "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        file("usr/share/hello/lib/a.jar", "a\n", "rw-r--r--");
        file("usr/share/hello/lib/b.jar", "b\n", "rw-r--r--");
        file("usr/share/hello/lib/notes.txt", "n\n", "rw-r--r--");
        file("etc/hello/hello.conf", "port=1\n", "rw-r-----");
        file("etc/hello/conf.d/extra.conf", "x=1\n", "rw-r--r--");
        file("usr/lib/systemd/system/hello.service", "[Service]\nExecStart=/bin/true\n", "rw-r--r--");
        file("usr/share/doc/hello/README", "read me\n", "rw-r--r--");
        file("usr/share/licenses/hello/LICENSE", "MIT\n", "rw-r--r--");
        file("var/log/hello/hello.log", "", "rw-r--r--");
        Files.createDirectories(root.resolve("var/lib/hello"));
        Files.createSymbolicLink(root.resolve("usr/share/hello/current"), Path.of("lib"));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path d : all.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).toList()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.setPosixFilePermissions(root.resolve("etc/hello/conf.d"), PosixFilePermissions.fromString("rwxr-x---"));
    }

    private void file(String relative, String content, String permissions) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Whole directories, modes from the staging root (rpm's default %defattr(-,root,root,-)).
        """
        /usr/share/hello
        /etc/hello
        """,
        // Directories listed with %dir, files one by one and by glob, %attr over %defattr, macros.
        """
        %defattr(0644,root,root,0755)
        %dir %{_datadir}/hello
        %dir %{_datadir}/%{name}/lib
        %attr(0755,-,-) /usr/share/hello/bin
        /usr/share/hello/lib/*.jar
        /usr/share/hello/current
        %{_unitdir}/hello.service
        """,
        // Config files with their options, ghosts, doc and license, owners, verify.
        """
        %dir %attr(0750,hello,hello) /var/lib/hello
        %dir %attr(-,root,hello) %{_sysconfdir}/hello
        %config(noreplace) %attr(0640,root,hello) /etc/hello/hello.conf
        %dir /etc/hello/conf.d
        %config(missingok) /etc/hello/conf.d/*.conf
        %ghost %attr(0640,hello,hello) /var/log/hello/hello.log
        %doc /usr/share/doc/hello
        %license /usr/share/licenses/hello/LICENSE
        %verify(not md5 size mtime) /usr/share/hello/lib/notes.txt
        %verify(mode user group) /usr/share/hello/lib/a.jar
        %caps(cap_net_bind_service=ep) /usr/share/hello/bin/hello
        """,
    })
    void aFilesListMatchesRpmbuildsOnTheSameStagingRoot(String files) throws Exception {
        RealRpm.requireTool("rpmbuild");
        Path theirs = rpmbuild(files);
        Path list = Files.writeString(dir.resolve("files"), files);
        ResolvedPackage pkg = PackageResolver.resolve(PackageRequest.builder().name("hello").version("1.0.0")
                .summary("Demo package").license("Apache-2.0").buildTime("2026-11-24T00:00:00Z", null, Instant.EPOCH)
                .filesFile(list, List.of(root)).build(), Console.SILENT);
        Path ours = dir.resolve("ours.rpm");
        new RpmWriter(Console.SILENT).write(pkg.spec(), ours);
        assertEquals(RealRpm.query(theirs, QUERY), RealRpm.query(ours, QUERY));
    }

    private Path rpmbuild(String files) throws Exception {
        return StagingRpmbuild.build(dir.resolve("rpmbuild"), "hello.spec", """
                Name: hello
                Version: 1.0.0
                Release: 1
                Summary: Demo package
                License: Apache-2.0
                BuildArch: noarch

                %description
                A staging root.

                %install
                cp -a ROOT/. %{buildroot}/

                %files
                """.replace("ROOT", root.toString()) + files);
    }
}

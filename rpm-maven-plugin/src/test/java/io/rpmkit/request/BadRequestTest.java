package io.rpmkit.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.rpmkit.hostile.KnownBugs;

/**
 * Mistakes a user can make in a package's configuration, built as requests the way the rpm goal
 * builds them. Each must fail where it should (resolving the request for the user's mistakes, writing
 * for I/O) with a message that quotes the setting and the bad value, warn of nothing besides, and leave
 * the project exactly as it was: no package, no temporary file, and the package an earlier good build
 * wrote still byte for byte the same. The Maven binding is covered by the plugin's integration tests.
 *
 * <p>Adding a case is one row in {@link #rows()}. {@code {base}} in an expected fragment stands for
 * the project's directory; {@link #NEXT_ENTRY} and friends name the item a row adds after the
 * baseline's. A row marked {@code knownBug} runs like the others through {@link KnownBugs}: its
 * failure shows as a skipped test naming the bug unless {@code -Dhostile.knownBugs=true}.
 * {@code -Dhostile.print=true} prints every message, to read them side by side.
 */
class BadRequestTest {
    /** The baseline has six entries, one scriptlet and one trigger: what a row adds comes next. */
    static final String NEXT_ENTRY = "entries[6]";
    static final String NEXT_SCRIPTLET = "scriptlets[1]";
    static final String NEXT_TRIGGER = "triggers[1]";
    static final String PACKAGE_FILE = "demo-1.0.0-1.noarch.rpm";
    /** A mistake is found in milliseconds; more means something waits on its input. */
    private static final Duration PER_CASE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** FIFOs the rows made, to unblock a reader a known bug left waiting on one. */
    private static final List<Path> FIFOS = Collections.synchronizedList(new ArrayList<>());

    /** What a row sets up on top of the baseline. */
    interface Setup {
        void apply(RequestHarness h) throws Exception;
    }

    record Row(String name, RequestHarness.Stage expected, Setup setup, List<String> fragments,
            String knownBug) {
        Row knownBug(String why) {
            return new Row(name, expected, setup, fragments, why);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A user's mistake, found while the request is resolved. */
    static Row mistake(String name, Setup setup, String... fragments) {
        return new Row(name, RequestHarness.Stage.RESOLVE, setup, List.of(fragments), null);
    }

    /** An I/O failure, found while the package is written. */
    static Row ioFailure(String name, Setup setup, String... fragments) {
        return new Row(name, RequestHarness.Stage.WRITE, setup, List.of(fragments), null);
    }

    static Stream<Row> rows() {
        String entry = NEXT_ENTRY;
        return Stream.of(
                // Sources
                mistake("missing source file", h -> h.entry("path=/opt/demo/missing.txt", "source=src/missing.txt"),
                        "entry '/opt/demo/missing.txt': source '{base}/src/missing.txt' does not exist"),
                mistake("unreadable source file (chmod 000)", BadRequestTest::unreadableSource,
                        "entry '/opt/demo/secret.txt': source '{base}/src/secret.txt' is not readable"),
                mistake("a directory where a file is expected", h -> h.entry("type=file", "path=/opt/demo/x",
                        "source=src/tree"), "entry '/opt/demo/x': source '{base}/src/tree' is not a regular file"),
                mistake("file entry without source", h -> h.entry("type=file", "path=/opt/demo/x"),
                        entry + " '/opt/demo/x': source is missing"),
                mistake("template source is a directory", h -> h.entry("type=template", "path=/etc/x.conf",
                        "source=src/tree"), entry + " '/etc/x.conf': template '{base}/src/tree' is not a regular file"),
                mistake("template source missing", h -> h.entry("type=template", "path=/etc/x.conf",
                        "source=src/nope.conf"),
                        entry + " '/etc/x.conf': template '{base}/src/nope.conf' cannot be read"),
                mistake("template not UTF-8", h -> {
                    h.file("src/latin1.conf", new byte[] {'c', '=', (byte) 0xE9, '\n'});
                    h.entry("type=template", "path=/etc/x.conf", "source=src/latin1.conf");
                }, entry + " '/etc/x.conf': template '{base}/src/latin1.conf' is not UTF-8 text"),
                mistake("template source is a FIFO", h -> h.entry("type=template", "path=/etc/x.conf",
                        "source=" + fifo(h, "src/pipe.conf")),
                        entry + " '/etc/x.conf': template '{base}/src/pipe.conf'", "not a regular file")
                        ,
                mistake("tree source missing", h -> h.entry("type=tree", "path=/opt/t", "source=nope"),
                        entry + " '/opt/t': source '{base}/nope' is not a directory"),
                mistake("a FIFO inside a collected tree", h -> {
                    fifo(h, "src/fifotree/pipe");
                    h.entry("path=/opt/t", "source=src/fifotree");
                }, "entry '/opt/t/pipe': source '{base}/src/fifotree/pipe' is not a regular file"),
                // File capabilities
                mistake("unknown capability", h -> h.entry("path=/opt/demo/bind", "source=src/app.txt",
                        "caps=cap_foo+ep"), "entry '/opt/demo/bind': caps 'cap_foo+ep' is not what libcap's"
                                + " cap_from_text reads: at character 1, 'cap_foo' is not a capability libcap knows"),
                mistake("capability flag unknown", h -> h.entry("path=/opt/demo/bind", "source=src/app.txt",
                        "caps=cap_chown+x"), "at character 11, 'x' is not a capability flag: use e (effective),"
                                + " i (inheritable) and p (permitted)"),
                mistake("capabilities without operator", h -> h.entry("path=/opt/demo/bind", "source=src/app.txt",
                        "caps=cap_chown"), "at character 10, the clause ends where an operator (=, + or -) is needed"),
                mistake("empty capabilities", h -> h.entry("path=/opt/demo/bind", "source=src/app.txt", "caps= "),
                        "entry '/opt/demo/bind': caps is empty"),
                mistake("capabilities on a directory", h -> h.entry("type=dir", "path=/opt/demo/d",
                        "caps=cap_chown+p"), entry + " '/opt/demo/d': caps does not apply to type dir"),
                mistake("capabilities on a tree", h -> h.entry("path=/opt/t", "source=src/tree", "caps=cap_chown+p"),
                        entry + " '/opt/t': caps does not apply to type tree"),
                // Destinations
                mistake("duplicate destination", h -> h.entry("path=/opt/demo/app.txt", "source=src/app.txt"),
                        "entry '/opt/demo/app.txt': path is listed twice"),
                mistake("duplicate destination through a tree", h -> h.entry("path=/opt/demo/tree/a.txt",
                        "source=src/app.txt"), "entry '/opt/demo/tree/a.txt': path is listed twice"),
                mistake("relative path", h -> h.entry("path=opt/demo/rel.txt", "source=src/app.txt"),
                        "path 'opt/demo/rel.txt' is relative"),
                mistake("relative tree path", h -> h.entry("path=opt/tree", "source=src/tree"),
                        entry + " 'opt/tree': path 'opt/tree' is relative"),
                mistake("'..' in a path", h -> h.entry("path=/opt/demo/../../etc/passwd", "source=src/app.txt"),
                        "path '/opt/demo/../../etc/passwd' contains '..'"),
                mistake("'.' in a path", h -> h.entry("path=/opt/./demo/x", "source=src/app.txt"),
                        "path '/opt/./demo/x' contains '.'"),
                mistake("tab in a path", h -> h.entry("path=/opt/demo/a\tb", "source=src/app.txt"),
                        "path '/opt/demo/a?b' contains a control character (code 9)"),
                mistake("tab in a relative path", h -> h.entry("path=opt/demo/a\tb", "source=src/app.txt"),
                        "path 'opt/demo/a?b' is relative: use an absolute path such as /opt/demo/a?b"),
                mistake("newline in a path", h -> h.entry("path=/opt/demo/a\nb", "source=src/app.txt"),
                        "path '/opt/demo/a?b' contains a control character (code 10)"),
                mistake("DEL in a path", h -> h.entry("path=/opt/demo/a\u007Fb", "source=src/app.txt"),
                        "path '/opt/demo/a?b' contains a control character (code 127)"),
                mistake("empty path segment", h -> h.entry("path=/opt//demo", "source=src/app.txt"),
                        "path '/opt//demo' has an empty segment"),
                mistake("the root as a path", h -> h.entry("type=dir", "path=/"), "path '/' is the root"),
                mistake("no path", h -> h.entry("source=src/app.txt"), "entry (no path): path is missing"),
                // Directory ownership and path rules
                mistake("a base-system directory as a dir entry", h -> h.entry("type=dir", "path=/usr/lib/systemd/system"),
                        entry + " '/usr/lib/systemd/system': '/usr/lib/systemd/system' belongs to the base system"
                                + " (package systemd)"),
                mistake("a base-system directory as an owned prefix", h -> h.ownedDirectory("/etc/sysconfig"),
                        "ownedDirectories[0] '/etc/sysconfig': '/etc/sysconfig' belongs to the base system (package"
                                + " filesystem)"),
                mistake("an owned prefix that is relative", h -> h.ownedDirectory("opt/demo"),
                        "ownedDirectories[0] 'opt/demo': 'opt/demo' is relative"),
                mistake("an owned prefix listed twice", h -> {
                    h.ownedDirectory("/opt/demo");
                    h.ownedDirectory("/opt/demo");
                }, "ownedDirectories[1] '/opt/demo': is listed twice"),
                mistake("an owned prefix that is a file", h -> h.ownedDirectory("/opt/demo/app.txt"),
                        "ownedDirectories[0] '/opt/demo/app.txt': '/opt/demo/app.txt' is a file entry"),
                mistake("a rule matching nothing", h -> h.rule("path=/usr/share/demo/**", "mode=0600"),
                        "rules[0] '/usr/share/demo/**': matches no entry of the package"),
                mistake("a rule with a relative path", h -> h.rule("path=opt/demo/*", "mode=0600"),
                        "rules[0] 'opt/demo/*': path 'opt/demo/*' is relative"),
                mistake("a rule with '..'", h -> h.rule("path=/opt/demo/../etc/*", "mode=0600"),
                        "rules[0] '/opt/demo/../etc/*': path '/opt/demo/../etc/*' contains a . or .. segment"),
                mistake("a rule without a path", h -> h.rule("mode=0600"), "rules[0]: path is missing"),
                mistake("a rule setting nothing", h -> h.rule("path=/opt/demo/*"),
                        "rules[0] '/opt/demo/*': sets nothing"),
                mistake("a rule's bad mode", h -> h.rule("path=/opt/demo/*", "mode=0999"),
                        "rules[0] '/opt/demo/*': mode '0999' is not a mode"),
                mistake("a rule's unknown flag", h -> h.rule("path=/opt/demo/*", "flags=sticky"),
                        "rules[0] '/opt/demo/*': flag 'sticky' is unknown"),
                mistake("a rule's file mode matching only directories", h -> h.rule("path=/var/lib/demo",
                        "mode=0700"), "rules[0] '/var/lib/demo': mode applies to files, and the rule matches none:"
                                + " use directoryMode"),
                mistake("a rule's directory mode matching only files", h -> h.rule("path=/opt/demo/app.txt",
                        "directoryMode=0700"), "rules[0] '/opt/demo/app.txt': directoryMode applies to directories"),
                mistake("a rule's flags matching only directories", h -> h.rule("path=/var/lib/demo",
                        "flags=config"), "rules[0] '/var/lib/demo': flags apply to files and symlinks"),
                mistake("a rule's user rpm cannot store", h -> h.rule("path=/opt/demo/**", "user=web server"),
                        "user 'web server' is not a name rpm can store"),
                // A filesFile in rpm's %files syntax
                mistake("a filesFile's unknown directive", h -> files(h, "%foo /opt/demo/x"),
                        "filesFile '{base}/src/rpm/files' line 2: %foo is not a %files directive"),
                mistake("a filesFile's path in no staging root", h -> files(h, "/opt/demo/missing"),
                        "filesFile '{base}/src/rpm/files' line 2: '/opt/demo/missing' is in no staging root"
                                + " ('{base}/src/rpm/root')"),
                mistake("a filesFile's glob matching nothing", h -> files(h, "/opt/demo/*.war"),
                        "line 2: glob '/opt/demo/*.war' matches nothing in '{base}/src/rpm/root'"),
                mistake("a filesFile's relative path", h -> files(h, "%doc README"),
                        "line 2: 'README' is relative: list installed paths, e.g. /README", "%doc"),
                mistake("a filesFile's unknown macro", h -> files(h, "%{_libdir}/demo.so"),
                        "line 2: macro %{_libdir} is unknown here", "depends on the architecture"),
                mistake("a filesFile's %defattr of two values", h -> files(h, "%defattr(-,root)"),
                        "line 2: %defattr(-,root) needs 3 or 4 values"),
                mistake("a filesFile's %defattr beside a path", h -> files(h, "%defattr(-,root,root) /opt/demo/f.txt"),
                        "line 2: %defattr stands on a line of its own"),
                mistake("a filesFile's unknown verify word", h -> files(h, "%verify(not md5x) /opt/demo/g.txt"),
                        "line 2: %verify word 'md5x' is unknown"),
                mistake("a filesFile's unclosed parenthesis", h -> files(h, "%attr(0644,root,root /opt/demo/f.txt"),
                        "line 2: a parenthesis is not closed"),
                mistake("a filesFile's %exclude", h -> files(h, "%exclude /opt/demo/f.txt"),
                        "line 2: %exclude is not supported in a filesFile yet"),
                mistake("a filesFile's bad %config option", h -> files(h, "%config(replace) /opt/demo/g.txt"),
                        "line 2: %config(replace) is not a config option"),
                mistake("a filesFile's bad mode", h -> files(h, "%attr(0999,-,-) /opt/demo/g.txt"),
                        "filesFile '{base}/src/rpm/files' line 2 '/opt/demo/g.txt': mode '0999' is not a mode"),
                mistake("a filesFile's path listed twice", h -> {
                    h.file("src/rpm/root/opt/demo/app.txt", "app\n");
                    files(h, "/opt/demo/app.txt");
                },
                        "entry '/opt/demo/app.txt': path is listed twice"),
                mistake("a filesFile that does not exist", h -> {
                    h.dir("src/rpm/root");
                    h.filesFile("src/rpm/nope", "src/rpm/root");
                },
                        "filesFile '{base}/src/rpm/nope' cannot be read"),
                mistake("filesRoots that is no directory", h -> {
                    files(h, "/opt/demo/f.txt");
                    h.filesFile("src/rpm/files", "src/rpm/root", "src/nope");
                }, "filesRoots '{base}/src/nope' is not a directory"),
                mistake("filesRoots without a filesFile", h -> h.filesFile(null, "src/rpm/root"),
                        "filesRoots '{base}/src/rpm/root' does not apply without a filesFile"),
                // Package metadata
                mistake("invalid name", h -> h.set("name", "demo app"), "name 'demo app' is not a package name"),
                mistake("name starting with a dash", h -> h.set("name", "-demo"), "name '-demo' is not a package name"),
                mistake("empty name", h -> h.set("name", ""), "name is missing"),
                mistake("version with a dash", h -> h.set("version", "1.0-beta"), "version '1.0-beta' contains '-'"),
                mistake("version with a space", h -> h.set("version", "1.0 beta"),
                        "version '1.0 beta' has characters rpm does not accept"),
                mistake("release with a slash", h -> h.set("release", "1/2"),
                        "release '1/2' has characters rpm does not accept"),
                mistake("release with a dash", h -> h.set("release", "1-2"), "release '1-2' contains '-'"),
                mistake("negative epoch", h -> h.set("epoch", -1), "epoch '-1' is negative"),
                mistake("invalid arch", h -> h.set("arch", "x86 64"), "arch 'x86 64' is not an architecture"),
                mistake("summary on two lines", h -> h.set("summary", "Demo\npackage"),
                        "summary 'Demo", "package' spans several lines"),
                mistake("empty license", h -> h.set("license", ""), "license is missing"),
                mistake("outputTimestamp that is no time", h -> h.set("outputTimestamp", "yesterday"),
                        "project.build.outputTimestamp 'yesterday' is not a timestamp")
                        ,
                mistake("outputTimestamp past 2106", h -> h.set("outputTimestamp", "99999999999"),
                        "outputTimestamp", "'99999999999'"),
                // Modes and owners
                mistake("mode out of range", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "mode=10000"),
                        entry + " '/opt/demo/x': mode '10000' is not a mode"),
                mistake("mode with a digit 8", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "mode=0888"),
                        entry + " '/opt/demo/x': mode '0888' is not a mode"),
                mistake("symbolic mode", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "mode=rw-r--r--"),
                        entry + " '/opt/demo/x': mode 'rw-r--r--' is not a mode"),
                mistake("negative mode", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "mode=-1"),
                        entry + " '/opt/demo/x': mode '-1' is not a mode"),
                mistake("tree directoryMode out of range", h -> h.entry("path=/opt/t", "source=src/tree",
                        "directoryMode=8000"), entry + " '/opt/t': directoryMode '8000' is not a mode"),
                mistake("user with a space", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "user=web server"), "entry '/opt/demo/x': user 'web server' is not a name rpm can store"),
                mistake("group with a colon", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "group=a:b"),
                        "entry '/opt/demo/x': group 'a:b' is not a name rpm can store"),
                mistake("user with a control character", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "user=ro\u0007ot"), "is not a name rpm can store"),
                mistake("user of 33 characters", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "user=" + "u".repeat(33)), "user '" + "u".repeat(33) + "' is not a name rpm can store"),
                // Entry types and flags
                mistake("unknown entry type", h -> h.entry("type=socket", "path=/opt/demo/s"),
                        entry + " '/opt/demo/s': type 'socket' is unknown"),
                mistake("unknown flag", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "flags=config,sticky"),
                        entry + " '/opt/demo/x': flag 'sticky' is unknown"),
                mistake("ghost as a flag", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "flags=ghost"),
                        entry + " '/opt/demo/x': flag 'ghost' is unknown", "(a ghost is a type)"),
                mistake("unknown verify check", h -> h.entry("path=/opt/demo/x", "source=src/app.txt", "verify=md5"),
                        entry + " '/opt/demo/x': verify 'md5' is unknown"),
                mistake("noreplace without config", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "flags=noreplace"), "entry '/opt/demo/x': noreplace applies to config files only"),
                mistake("config on a directory", h -> h.entry("type=dir", "path=/opt/demo/d", "flags=config"),
                        "entry '/opt/demo/d': config applies to files, not directories"),
                mistake("symlink without target", h -> h.entry("type=symlink", "path=/opt/demo/l"),
                        "entry '/opt/demo/l': link target 'null' is empty or invalid"),
                mistake("ghost with a source", h -> h.entry("type=ghost", "path=/var/lib/demo.db",
                        "source=src/app.txt"), "/var/lib/demo.db", "source"),
                mistake("directory with a source", h -> h.entry("type=dir", "path=/opt/demo/d", "source=src/app.txt"),
                        "/opt/demo/d", "source"),
                mistake("file with a link target", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "target=/etc/passwd"), "/opt/demo/x", "target"),
                mistake("includes on a single file", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "includes=**/*.txt"), "/opt/demo/x", "includes"),
                // Symlinks in collected trees: kept as symlinks unless followLinks, which must resolve inside the tree
                mistake("symlink loop in a followed tree", h -> {
                    h.file("src/looptree/a.txt", "a\n");
                    h.symlink("src/looptree/sub/again", "..");
                    h.entry("path=/opt/loop", "source=src/looptree", "followLinks=true");
                }, entry + " '/opt/loop': collecting '{base}/src/looptree' failed: '{base}/src/looptree/sub/again' is a"
                        + " symlink loop", "set followLinks to false"),
                mistake("symlink pointing at itself in a followed tree", h -> {
                    h.file("src/chaintree/a.txt", "a\n");
                    h.symlink("src/chaintree/x", "x");
                    h.entry("path=/opt/chain", "source=src/chaintree", "followLinks=true");
                }, entry + " '/opt/chain': '{base}/src/chaintree/x' cannot be followed"),
                mistake("symlink escaping a followed tree", h -> {
                    h.file("src/outside.txt", "secret\n");
                    h.file("src/escapetree/a.txt", "a\n");
                    h.symlink("src/escapetree/escape", "../outside.txt");
                    h.entry("path=/opt/esc", "source=src/escapetree", "followLinks=true");
                }, entry + " '/opt/esc': '{base}/src/escapetree/escape' leads outside the tree"),
                mistake("symlinked directory escaping a followed tree", h -> {
                    h.file("src/outsidedir/secret.txt", "secret\n");
                    h.file("src/escapedir/a.txt", "a\n");
                    h.symlink("src/escapedir/more", "../outsidedir");
                    h.entry("path=/opt/esc", "source=src/escapedir", "followLinks=true");
                }, entry + " '/opt/esc': '{base}/src/escapedir/more' leads outside the tree"),
                mistake("followLinks on a single file", h -> h.entry("path=/opt/demo/x", "source=src/app.txt",
                        "followLinks=true"), entry + " '/opt/demo/x': followLinks does not apply to type file"),
                // Tree patterns and modes
                mistake("include matching nothing", h -> h.entry("path=/opt/t", "source=src/tree", "includes=**/*.war"),
                        entry + " '/opt/t': include '**/*.war' matches nothing in '{base}/src/tree'"),
                mistake("exclude matching nothing", h -> h.entry("path=/opt/t", "source=src/tree",
                        "excludes=**/*.bak"), entry + " '/opt/t': exclude '**/*.bak' matches nothing in '{base}/src/tree'"),
                mistake("include matching only a directory", h -> h.entry("path=/opt/t", "source=src/tree",
                        "includes=sub"), entry + " '/opt/t': include 'sub' matches only directories", "'sub/**'"),
                mistake("include matching only default-excluded files", h -> {
                    h.file("src/scmtree/.git/config", "[core]\n");
                    h.file("src/scmtree/a.txt", "a\n");
                    h.entry("path=/opt/t", "source=src/scmtree", "includes=.git/**");
                }, entry + " '/opt/t': include '.git/**' matches only files that Maven's default excludes leave out",
                        "useDefaultExcludes"),
                mistake("unknown keepModes", h -> h.entry("path=/opt/t", "source=src/tree", "keepModes=some"),
                        entry + " '/opt/t': keepModes 'some' is unknown: use none, executable or all"),
                mistake("mode with keepModes all", h -> h.entry("path=/opt/t", "source=src/tree", "keepModes=all",
                        "mode=0644"), entry + " '/opt/t': mode '0644' does not apply with keepModes 'all'"),
                // Scriptlets and triggers
                mistake("relative scriptlet interpreter", h -> h.scriptlet("phase=preun", "interpreter=bash",
                        "script=echo"), "scriptlet 'preun': interpreter 'bash' is not an absolute path"),
                mistake("interpreter with arguments", h -> h.scriptlet("phase=preun", "interpreter=/bin/sh -e",
                        "script=echo"), "scriptlet 'preun': interpreter '/bin/sh -e'"),
                mistake("unknown scriptlet phase", h -> h.scriptlet("phase=install", "script=echo"),
                        NEXT_SCRIPTLET + ": phase 'install' is unknown"),
                mistake("scriptlet without phase", h -> h.scriptlet("script=echo"),
                        NEXT_SCRIPTLET + ": phase 'null' is unknown"),
                mistake("scriptlet with both script and file", h -> {
                    h.file("src/pre.sh", "echo pre\n");
                    h.scriptlet("phase=pre", "script=echo", "file=src/pre.sh");
                }, NEXT_SCRIPTLET + ": script and file are both set"),
                mistake("scriptlet without script", h -> h.scriptlet("phase=pre"),
                        NEXT_SCRIPTLET + ": the script is missing"),
                mistake("scriptlet file missing", h -> h.scriptlet("phase=pre", "file=src/nope.sh"),
                        NEXT_SCRIPTLET + ".file '{base}/src/nope.sh' cannot be read"),
                mistake("scriptlet file is a FIFO", h -> h.scriptlet("phase=pre", "file=" + fifo(h, "src/pre.pipe")),
                        NEXT_SCRIPTLET + ".file '{base}/src/pre.pipe'", "not a regular file")
                        ,
                mistake("the same phase twice", h -> h.scriptlet("phase=post", "script=echo again"),
                        "scriptlet 'post' is given twice"),
                mistake("unknown trigger kind", h -> h.trigger("kind=triggerprein", "packages=httpd", "script=echo"),
                        NEXT_TRIGGER + ": kind 'triggerprein' is unknown"),
                mistake("trigger without packages", h -> h.trigger("kind=triggerun", "script=echo"),
                        "trigger 'triggerun': names no package"),
                mistake("trigger on a bad dependency", h -> h.trigger("kind=triggerun", "packages=httpd >=",
                        "script=echo"), NEXT_TRIGGER + ".packages[0] 'httpd >=' is not a dependency")
                        ,
                mistake("relative trigger interpreter", h -> h.trigger("kind=triggerun", "packages=httpd",
                        "interpreter=sh", "script=echo"), "trigger 'triggerun': interpreter 'sh' is not an absolute path"),
                mistake("trigger with both script and file", h -> {
                    h.file("src/t.sh", "echo t\n");
                    h.trigger("kind=triggerun", "packages=httpd", "script=echo", "file=src/t.sh");
                }, NEXT_TRIGGER + ": script and file are both set"),
                mistake("trigger on a rich dependency", h -> h.trigger("kind=triggerun", "packages=(a or b)",
                        "script=echo"), "trigger 'triggerun' '(a or b)': rpm takes no rich dependency as a trigger's"
                                + " condition"),
                mistake("file trigger on el7", h -> h.trigger("kind=filetriggerin", "prefixes=/opt/plugins",
                        "script=echo"), "targetRpm el7 (rpm 4.11) cannot read file triggers (filetriggerin and"
                                + " friends), which needs rpm 4.13"),
                mistake("file trigger without prefixes", h -> h.set("targetRpm", "el8")
                        .trigger("kind=transfiletriggerin", "script=echo"),
                        "trigger 'transfiletriggerin': names no path prefix"),
                mistake("relative file trigger prefix", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerun", "prefixes=opt/plugins", "script=echo"),
                        "trigger 'filetriggerun': prefix 'opt/plugins' is not an absolute path"),
                mistake("empty file trigger prefix", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerun", "prefixes=", "script=echo"),
                        "trigger 'filetriggerun': prefix '' is not an absolute path"),
                mistake("file trigger prefix with a space", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerun", "prefixes=/opt/my plugins", "script=echo"),
                        "prefix '/opt/my plugins' is not an absolute path without spaces or commas"),
                mistake("file trigger priority not a number", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerin", "prefixes=/opt/plugins", "priority=high", "script=echo"),
                        NEXT_TRIGGER + ": priority 'high' is not a whole number"),
                mistake("negative file trigger priority", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerin", "prefixes=/opt/plugins", "priority=-1", "script=echo"),
                        "trigger 'filetriggerin': priority -1 is negative"),
                mistake("priority on a package trigger", h -> h.trigger("kind=triggerin", "packages=httpd",
                        "priority=5", "script=echo"), NEXT_TRIGGER + ": priority '5' applies to file triggers only"),
                mistake("prefixes on a package trigger", h -> h.trigger("kind=triggerin", "packages=httpd",
                        "prefixes=/opt/plugins", "script=echo"),
                        "trigger 'triggerin': prefixes '/opt/plugins' apply to file triggers only"),
                mistake("packages on a file trigger", h -> h.set("targetRpm", "el8")
                        .trigger("kind=filetriggerin", "prefixes=/opt/plugins", "packages=httpd", "script=echo"),
                        "trigger 'filetriggerin': a file trigger fires on path prefixes, not packages"),
                // Compression
                mistake("unknown compression", h -> h.set("compression", "brotli"),
                        "compression 'brotli' is unknown: use gzip, xz, zstd or none"),
                mistake("gzip level out of range", h -> h.set("compression", "gzip").set("compressionLevel", 42),
                        "compressionLevel '42' is out of range for gzip"),
                mistake("zstd level 0", h -> h.set("compression", "zstd").set("compressionLevel", 0),
                        "compressionLevel '0' is out of range for zstd"),
                mistake("a level without compression", h -> h.set("compression", "none").set("compressionLevel", 5),
                        "compressionLevel '5' is out of range for none"),
                // Package format
                mistake("unknown rpmFormat", h -> h.set("rpmFormat", "5"), "rpmFormat '5' is unknown: use 4 or 6"),
                mistake("rpmFormat 6 for el7", h -> h.set("rpmFormat", "6").set("targetRpm", "el7"),
                        "rpmFormat '6' is unreadable for targetRpm el7 (rpm 4.11)",
                        "set targetRpm to el8 or later, or rpmFormat to 4"),
                mistake("rpmFormat 6 with the legacy signature", h -> h.set("rpmFormat", "6").set("targetRpm", "el9")
                        .set("signLegacy", true), "signLegacy 'true' cannot be met by rpmFormat '6'",
                        "set signLegacy to false or rpmFormat to 4"),
                // Dependencies
                mistake("comparison without version", h -> h.add("requires", "systemd >="),
                        "requires[1] 'systemd >=' is not a dependency"),
                mistake("version without comparison", h -> h.add("requires", "systemd 219"),
                        "requires[1] 'systemd 219' is not a dependency"),
                mistake("empty dependency", h -> h.add("recommends", ""), "recommends[0] '' is not a dependency"),
                mistake("reversed operator", h -> h.add("conflicts", "old => 1"),
                        "conflicts[0] 'old => 1' is not a dependency"),
                mistake("unknown install context", h -> h.add("requires", "(boot) systemd"),
                        "requires[1] '(boot) systemd': install context 'boot' is unknown"),
                mistake("install context outside requires", h -> h.add("provides", "(post) demo-api"),
                        "provides 'demo-api'", "install contexts such as (post) apply to requires only"),
                mistake("dangling release in a version", h -> h.add("obsoletes", "old < 1.0-"),
                        "version '1.0-' is not an [epoch:]version[-release]"),
                mistake("comma in a dependency name", h -> h.add("suggests", "vim,emacs"),
                        "suggests 'vim,emacs' is not a dependency name"),
                // Rich dependencies, Requires(meta), OrderWithRequires
                mistake("rich dependency on el7", h -> h.add("requires", "(a or b)"),
                        "targetRpm el7 (rpm 4.11) cannot read rich dependencies such as (a or b), which needs rpm 4.13"),
                mistake("unclosed rich dependency", h -> h.set("targetRpm", "el8").add("requires", "(foo or bar"),
                        "requires[1] '(foo or bar' is not a rich dependency rpm reads: at character 1, the '(' is never"
                                + " closed"),
                mistake("unknown rich operator", h -> h.set("targetRpm", "el8").add("requires", "(a xor b)"),
                        "requires[1] '(a xor b)' is not a rich dependency rpm reads: at character 4, 'xor' is not an"
                                + " operator: use and, or, if, else, unless, with, without"),
                mistake("mixed rich operators", h -> h.set("targetRpm", "el8").add("requires", "(a and b or c)"),
                        "at character 10, 'or' follows 'and' in one group"),
                mistake("'unless' alone in requires", h -> h.set("targetRpm", "el8").add("requires", "(a unless b)"),
                        "at character 1, an 'unless' group cannot be joined by 'and' or 'if'"),
                mistake("'if' alone in conflicts", h -> h.set("targetRpm", "el8").add("conflicts", "(a if b)"),
                        "conflicts[0] '(a if b)'", "an 'if' group cannot be joined by 'or' or 'unless'"),
                mistake("versioned file in a rich dependency", h -> h.set("targetRpm", "el8")
                        .add("requires", "(/usr/bin/x >= 1 or b)"), "at character 2, '/usr/bin/x' is a file"),
                mistake("bad version in a rich dependency", h -> h.set("targetRpm", "el8")
                        .add("requires", "(a >= 1:2:3 or b)"), "at character 7, version '1:2:3' is not an"
                                + " [epoch:]version[-release]"),
                mistake("rich dependency in provides", h -> h.add("provides", "(a or b)"),
                        "provides[0] '(a or b)': rich dependencies are allowed in requires, recommends, suggests,"
                                + " supplements, enhances and conflicts only"),
                mistake("rich dependency in orderWithRequires", h -> h.add("orderWithRequires", "(a or b)"),
                        "orderWithRequires[0] '(a or b)': rich dependencies are allowed in"),
                mistake("text after a rich dependency", h -> h.set("targetRpm", "el8").add("requires", "(a or b) c"),
                        "at character 10, text follows the closing ')' of the dependency"),
                mistake("Requires(meta) on el8", h -> h.set("targetRpm", "el8").add("requires", "(meta) metadep"),
                        "targetRpm el8 (rpm 4.14) cannot read Requires(meta), which needs rpm 4.16"),
                mistake("unknown context next to meta", h -> h.add("requires", "(meta,boot) x"),
                        "requires[1] '(meta,boot) x': install context 'boot' is unknown: use pretrans, pre, post, preun,"
                                + " postun, posttrans or meta"),
                mistake("orderWithRequires without version", h -> h.add("orderWithRequires", "first >="),
                        "orderWithRequires[0] 'first >=' is not a dependency"),
                mistake("dependency name starting with '-'", h -> h.add("requires", "-x"),
                        "requires '-x' does not start with a letter, digit, '_' or '/'"),
                mistake("versioned file dependency", h -> h.add("requires", "/bin/sh >= 1"),
                        "requires '/bin/sh >= 1': a file is not compared by version in rpm"),
                // Changelog
                mistake("changelog date with the wrong weekday", h -> h.set("changelog",
                        "* Mon Nov 24 2026 Jane Doe <jane@example.com> - 1.0.0-1\n- First"),
                        "date 'Mon Nov 24 2026' is not a date"),
                mistake("changelog date that does not exist", h -> h.set("changelog",
                        "* Mon Feb 30 2026 Jane Doe <jane@example.com> - 1.0.0-1\n- First"),
                        "date 'Mon Feb 30 2026' is not a date"),
                mistake("changelog without heading", h -> h.set("changelog", "- fixed it"),
                        "changelog line 1 '- fixed it': an entry starts with"),
                mistake("changelog heading without author", h -> h.set("changelog", "* Tue Nov 24 2026\n- First"),
                        "changelog '* Tue Nov 24 2026': write"),
                mistake("changelog entry without text", h -> h.set("changelog",
                        "* Tue Nov 24 2026 Jane Doe <jane@example.com> - 1.0.0-1"), "text is missing"),
                mistake("changelog and changelogFile", h -> {
                    h.file("src/changes", "* Tue Nov 24 2026 Jane <j@example.com> - 1.0.0-1\n- First\n");
                    h.set("changelogFile", "src/changes");
                }, "changelog and changelogFile are both set"),
                mistake("changelogFile missing", h -> h.set("changelog", null).set("changelogFile", "src/nope"),
                        "changelogFile '{base}/src/nope' cannot be read"),
                // System users, groups and tmpfiles.d
                mistake("system user name with an uppercase letter", h -> h.systemUser("name=Hello"),
                        "systemUsers[0] 'Hello': name 'Hello' is not a system user or group name: use a lowercase"),
                mistake("system user name starting with a digit", h -> h.systemUser("name=1hello"),
                        "systemUsers[0] '1hello': name '1hello' is not a system user or group name"),
                mistake("system user name of 32 characters", h -> h.systemUser("name=" + "a".repeat(32)),
                        "name '" + "a".repeat(32) + "' is not a system user or group name", "at most 31 characters"),
                mistake("system user name with a dot", h -> h.systemUser("name=hello.svc"),
                        "name 'hello.svc' is not a system user or group name"),
                mistake("system user without a name", h -> h.systemUser("uid=815"),
                        "systemUsers[0]: name is missing"),
                mistake("system group name with a space", h -> h.systemGroup("name=hello data"),
                        "systemGroups[0] 'hello data': name 'hello data' is not a system user or group name"),
                mistake("uid 0", h -> h.systemUser("name=hello", "uid=0"),
                        "systemUsers[0] 'hello': uid '0' is not a system id: give a whole number from 1 to 65533"),
                mistake("uid out of range", h -> h.systemUser("name=hello", "uid=70000"),
                        "uid '70000' is not a system id", "or leave it unset"),
                mistake("uid not a number", h -> h.systemUser("name=hello", "uid=-1"), "uid '-1' is not a system id"),
                mistake("gid of nobody", h -> h.systemGroup("name=data", "gid=65534"),
                        "systemGroups[0] 'data': gid '65534' is not a system id", "65534 nobody's"),
                mistake("two users with one uid", h -> {
                    h.systemUser("name=hello", "uid=815");
                    h.systemUser("name=other", "uid=0815");
                }, "systemUsers[1] 'other': uid 815 is also systemUsers[0] 'hello''s: give each its own uid"),
                mistake("duplicate system user", h -> {
                    h.systemUser("name=hello");
                    h.systemUser("name=hello", "uid=815");
                }, "systemUsers[1] 'hello': is listed twice: list each user once"),
                mistake("duplicate system group", h -> {
                    h.systemGroup("name=data");
                    h.systemGroup("name=data", "gid=900");
                }, "systemGroups[1] 'data': is listed twice: list each group once"),
                mistake("relative home", h -> h.systemUser("name=hello", "home=var/lib/hello"),
                        "systemUsers[0] 'hello': home 'var/lib/hello' is not an absolute path", "e.g. /var/lib/hello"),
                mistake("home with a space", h -> h.systemUser("name=hello", "home=/var/lib/my hello"),
                        "home '/var/lib/my hello' is not an absolute path a passwd entry can hold"),
                mistake("home with '..'", h -> h.systemUser("name=hello", "home=/var/lib/../hello"),
                        "home '/var/lib/../hello' is not an absolute path"),
                mistake("relative shell", h -> h.systemUser("name=hello", "shell=bash"),
                        "systemUsers[0] 'hello': shell 'bash' is not an absolute path", "e.g. /sbin/nologin"),
                mistake("gecos with a colon", h -> h.systemUser("name=hello", "gecos=Hello: the service"),
                        "systemUsers[0] 'hello': gecos 'Hello: the service' cannot be written to passwd and"
                                + " sysusers.d"),
                mistake("gecos with a quote", h -> h.systemUser("name=hello", "gecos=Hello \"svc\""),
                        "gecos 'Hello \"svc\"' cannot be written"),
                mistake("gecos with a newline", h -> h.systemUser("name=hello", "gecos=Hello\nsvc"),
                        "gecos 'Hello?svc' cannot be written"),
                mistake("gecos whose encoding holds a '/'", h -> h.systemUser("name=hello", "gecos=Hi!?"),
                        "the line 'u hello - \"Hi!?\"' encodes to 'dSBoZWxsbyAtICJIaSE/IgAA'",
                        "rpm refuses a '/' in the provide's version"),
                mistake("bad supplementary group", h -> h.systemUser("name=hello", "groups=wheel,Adm"),
                        "systemUsers[0] 'hello': groups 'Adm' is not a system user or group name"),
                mistake("supplementary group twice", h -> h.systemUser("name=hello", "groups=wheel,wheel"),
                        "systemUsers[0] 'hello': groups lists 'wheel' twice"),
                mistake("bad primary group", h -> h.systemUser("name=hello", "group=Staff"),
                        "systemUsers[0] 'hello': group 'Staff' is not a system user or group name"),
                mistake("system users with a non-shell pre scriptlet", h -> {
                    h.systemUser("name=hello");
                    h.scriptlet("phase=pre", "interpreter=/usr/bin/python3", "script=print(1)");
                }, "scriptlet 'pre': interpreter '/usr/bin/python3' cannot run the commands generated for systemUsers"),
                mistake("tmpfiles line without a path", h -> h.tmpfiles(List.of("d"), null),
                        "tmpfiles[0] 'd' is not a tmpfiles.d line", "e.g. 'd /run/demo 0750 root root -'"),
                mistake("tmpfiles line with a relative path", h -> h.tmpfiles(List.of("d run/demo 0750"), null),
                        "tmpfiles[0] 'd run/demo 0750' is not a tmpfiles.d line"),
                mistake("tmpfiles line of an unknown type", h -> h.tmpfiles(List.of("y /run/demo"), null),
                        "tmpfiles[0] 'y /run/demo' is not a tmpfiles.d line"),
                mistake("empty tmpfiles line", h -> h.tmpfiles(List.of("d /run/demo", " "), null),
                        "tmpfiles[1] is empty"),
                mistake("tmpfiles and tmpfilesFile", h -> {
                    h.file("src/tmpfiles.conf", "d /run/demo\n");
                    h.tmpfiles(List.of("d /run/demo"), "src/tmpfiles.conf");
                }, "tmpfiles and tmpfilesFile are both set: give one of them"),
                mistake("tmpfilesFile missing", h -> h.tmpfiles(List.of(), "src/nope.conf"),
                        "tmpfilesFile '{base}/src/nope.conf' cannot be read"),
                mistake("tmpfilesFile with a bad line", h -> {
                    h.file("src/tmpfiles.conf", "# runtime\nd /run/demo 0750\nrun/x\n");
                    h.tmpfiles(List.of(), "src/tmpfiles.conf");
                }, "tmpfilesFile '{base}/src/tmpfiles.conf' line 3 'run/x' is not a tmpfiles.d line"),
                mistake("tmpfilesFile of comments only", h -> {
                    h.file("src/tmpfiles.conf", "# nothing yet\n");
                    h.tmpfiles(List.of(), "src/tmpfiles.conf");
                }, "tmpfilesFile '{base}/src/tmpfiles.conf' has no tmpfiles.d line"),
                mistake("shipped sysusers.d file with a line rpmbuild refuses", h -> {
                    h.set("targetRpm", "el10");
                    h.file("src/users.conf", "# accounts\nu demo -\nx demo 815\n");
                    h.entry("path=/usr/lib/sysusers.d/demo-extra.conf", "source=src/users.conf");
                }, "entry '/usr/lib/sysusers.d/demo-extra.conf': line 3 'x demo 815' is no sysusers.d line rpmbuild"
                        + " accepts"),
                mistake("system users file shipped twice", h -> {
                    h.systemUser("name=hello");
                    h.entry("path=/usr/lib/sysusers.d/demo.conf", "source=src/app.txt");
                }, "entry '/usr/lib/sysusers.d/demo.conf': path is listed twice"),
                // Output
                ioFailure("output directory below a regular file", h -> {
                    h.file("blocker", "not a directory\n");
                    h.set("outputDirectory", "blocker/out");
                }, "outputDirectory '{base}/blocker/out' cannot be created or written"),
                ioFailure("output directory below a regular file names the setting", h -> {
                    h.file("blocker", "not a directory\n");
                    h.set("outputDirectory", "blocker/out");
                }, "outputDirectory", "{base}/blocker/out"),
                ioFailure("output path is an existing directory", h -> {
                    h.file("target/taken/keep", "x\n");
                    h.set("fileName", "taken");
                }, "{base}/target/taken"),
                mistake("empty fileName", h -> h.set("fileName", ""), "fileName ''"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusesNamingSettingAndValueAndLeavesTheEarlierPackage(Row row) throws Throwable {
        if (row.knownBug() == null) {
            check(row);
        } else {
            KnownBugs.check(row.name() + ": " + row.knownBug(), () -> check(row));
        }
    }

    private void check(Row row) throws Exception {
        Path base = dir.resolve("project");
        RequestHarness good = new RequestHarness(base);
        baseline(good);
        good.execute();
        Path earlier = good.outputDirectory().resolve(PACKAGE_FILE);
        assertTrue(Files.isRegularFile(earlier), "the baseline builds " + earlier + ": " + good.warnings);

        RequestHarness bad = new RequestHarness(base);
        baseline(bad);
        row.setup().apply(bad);
        Map<String, String> before = snapshot(base);
        RequestHarness.Failure thrown = assertTimeoutPreemptively(PER_CASE,
                () -> assertThrows(RequestHarness.Failure.class, bad::execute, row.name() + " was accepted"),
                row.name());
        String message = thrown.getMessage();
        if (Boolean.getBoolean("hostile.print")) {
            System.out.println("=== " + row.name() + ": " + thrown.stage + "\n" + message);
        }
        assertEquals(row.expected(), thrown.stage, row.name() + ": " + message);
        for (String fragment : row.fragments()) {
            String expected = fragment.replace("{base}", base.toString());
            assertTrue(message.contains(expected), row.name() + ": the message lacks \"" + expected + "\":\n"
                    + message);
        }
        assertEquals(before, snapshot(base), row.name() + ": the project changed (a package or temporary file"
                + " appeared, or the earlier package changed)");
        assertEquals(List.of(), bad.warnings, row.name() + ": warn or fail, never both");
        if (row.expected() == RequestHarness.Stage.RESOLVE) {
            assertOneProblemPerLine(row, message);
        }
    }

    /**
     * One mistake, one problem, on one line: no cascade of follow-up problems, and no value from the
     * configuration may break the list (a raw newline could forge a line of the build log).
     */
    private static void assertOneProblemPerLine(Row row, String message) {
        String[] lines = message.split("\n", -1);
        assertTrue(lines[0].endsWith(": 1 problem"), row.name() + ": one mistake, one problem:\n" + message);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("  - "), row.name() + ": line " + i + " is not a problem of the list:\n"
                    + message);
        }
        assertTrue(message.chars().noneMatch(c -> c != '\n' && (c < 0x20 || c == 0x7F)), row.name()
                + ": a raw control character reached the message:\n" + message);
    }

    @Test
    void theBaselineBuildsOnlyItsPackage() throws Exception {
        RequestHarness h = new RequestHarness(dir);
        baseline(h);
        Path rpm = h.execute();
        assertEquals(dir.resolve("target").resolve(PACKAGE_FILE), rpm);
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(rpm), files.toList(), "only the package, no temporary file");
        }
        assertEquals(List.of(), h.warnings);
    }

    @Test
    void everyRowHasAUniqueName() {
        List<String> names = rows().map(Row::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "duplicate row names");
        assertTrue(names.size() >= 30, names.size() + " rows");
    }

    @AfterEach
    void unblockFifos() {
        // A reader stuck on a FIFO (a known bug) gets end of file once a writer has opened and closed it.
        // Opening read-write never blocks on Linux, whether or not anybody reads.
        for (Path fifo : List.copyOf(FIFOS)) {
            try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.force(false);
            } catch (IOException e) {
                // Gone with the temporary directory.
            }
        }
        FIFOS.clear();
    }

    /** A good configuration using every part of the goal; each row breaks one thing on top of it. */
    static void baseline(RequestHarness h) throws Exception {
        h.file("src/app.txt", "app\n");
        h.file("src/demo.conf", "greeting=${greeting}\nversion=${rpm.version}\n");
        h.file("src/tree/a.txt", "a\n");
        h.file("src/tree/sub/b.txt", "b\n");
        h.entry("path=/opt/demo/app.txt", "source=src/app.txt");
        h.entry("type=template", "path=/etc/demo.conf", "source=src/demo.conf", "flags=config,noreplace");
        h.entry("path=/opt/demo/tree", "source=src/tree");
        h.entry("type=dir", "path=/var/lib/demo", "user=daemon", "group=daemon", "mode=0750");
        h.entry("type=symlink", "path=/opt/demo/current", "target=tree");
        h.entry("type=ghost", "path=/var/log/demo.log");
        h.add("requires", "bash >= 4.0");
        h.scriptlet("phase=post", "script=echo installed");
        h.trigger("kind=triggerin", "packages=httpd", "script=echo httpd");
        h.set("changelog", "* Tue Nov 24 2026 Jane Doe <jane@example.com> - 1.0.0-1\n- First package");
    }

    /** A filesFile whose first line is a good path and whose second is {@code line}, over src/rpm/root. */
    private static void files(RequestHarness h, String line) throws Exception {
        h.file("src/rpm/root/opt/demo/f.txt", "f\n");
        h.file("src/rpm/root/opt/demo/g.txt", "g\n");
        h.file("src/rpm/files", "/opt/demo/f.txt\n" + line + "\n");
        h.filesFile("src/rpm/files", "src/rpm/root");
    }

    private static void unreadableSource(RequestHarness h) throws Exception {
        Path secret = h.file("src/secret.txt", "secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(secret)) {
            String why = "SKIPPED 'unreadable source file': running as "
                    + System.getProperty("user.name") + ", who reads a file of mode 000; UnreadableSourceTest"
                    + " tries it in a JVM without root's right to read everything";
            System.err.println("!!! " + why);
            Assumptions.abort(why);
        }
        h.entry("path=/opt/demo/secret.txt", "source=src/secret.txt");
    }

    private static String fifo(RequestHarness h, String relative) throws Exception {
        Path fifo = h.path(relative);
        Files.createDirectories(fifo.getParent());
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available: " + e);
            throw e;
        }
        if (mkfifo.waitFor() != 0) {
            fail("mkfifo " + fifo + " failed");
        }
        FIFOS.add(fifo);
        return relative;
    }

    /** Every file under {@code base} with a digest of its bytes; links and FIFOs as what they are, never followed. */
    static Map<String, String> snapshot(Path base) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String key = base.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(key, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(key, "directory");
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(key, sha256(path));
                } else {
                    files.put(key, "special file");
                }
            }
        }
        return files;
    }

    private static String sha256(Path file) throws Exception {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        }
    }
}

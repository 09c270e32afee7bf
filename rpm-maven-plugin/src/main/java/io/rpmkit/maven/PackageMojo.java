package io.rpmkit.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

import io.rpmkit.PackagingException;
import io.rpmkit.payload.HeapShare;
import io.rpmkit.request.PackageResolver;
import io.rpmkit.request.ResolvedPackage;
import io.rpmkit.request.TmpfilesRequest;
import io.rpmkit.write.RpmWriter;

/**
 * Builds an RPM package from the project and attaches it (type {@code rpm}), so that {@code install}
 * and {@code deploy} publish it. With {@code <packaging>rpm</packaging>} (and the plugin declared with
 * {@code <extensions>true</extensions>}) it runs in the package phase by itself and the package is
 * the project's main artifact.
 *
 * @since 0.1.0
 */
@Mojo(name = "rpm", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractPackageMojo {
    /**
     * The heap that the packages this JVM builds at the same time ({@code mvn -T}) divide among their
     * xz encoders. Static, as every execution of the goal in the plugin's class realm shares the one
     * heap; the core keeps no such state, and takes the share from here.
     */
    private static final HeapShare HEAP = new HeapShare();

    @Component
    private MavenProjectHelper projectHelper;

    /** Skips this goal. */
    @Parameter(property = "rpm.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The package's paths. Each {@code <entry>} has a {@code <type>}: file (default), tree (default for
     * a directory source: its files and directories), template (UTF-8; {@code ${project.version}},
     * {@code ${rpm.version}} and project properties filled in), dir, symlink or ghost (owned, never
     * shipped); {@code <path>}: the absolute install path, for a tree the directory its contents go into;
     * {@code <source>}; {@code <target>}: a symlink's; {@code <mode>}: octal, default 0644 for files,
     * 0755 for directories; {@code <directoryMode>}: a tree's directories, default 0755;
     * {@code <keepModes>}: a tree's bits on disk to keep, executable (default: the mode plus execute
     * where it grants read, for sources their owner may execute), all (as rpmbuild) or none (default
     * with mode); {@code <user>}, {@code <group>}: default root; {@code <flags>}: config, noreplace,
     * missingok, doc, license, readme; {@code <verify>}: what rpm -V checks (digest, size, link, user,
     * group, mtime, mode, rdev, caps or none), default all; {@code <includes>}, {@code <excludes>}: a
     * tree's patterns as Maven means them ({@code **}{@code /*.jar} takes top-level jars too), each must
     * match something; {@code <useDefaultExcludes>}: Maven's (SCM metadata, backups), default true;
     * {@code <followLinks>}: default false, a tree's symlinks stay symlinks as written;
     * {@code <ownDirectories>}: default true (a tree with patterns owns only the directories on the way
     * to what it ships). Parent directories are never added behind your back. Since 0.2.0,
     * {@code <caps>}: a file's or template's capabilities as %caps takes them, e.g. cap_net_bind_service=ep.
     */
    @Parameter
    private List<EntryConfig> entries = new ArrayList<>();

    /**
     * Scripts rpm runs: each {@code <scriptlet>} has a {@code <phase>} (pretrans, pre, post, preun, postun,
     * posttrans), {@code <script>} or a UTF-8 {@code <file>}, {@code <interpreter>} (default /bin/sh).
     */
    @Parameter
    private List<ScriptletConfig> scriptlets = new ArrayList<>();

    /**
     * Scripts run when other packages come or go: each {@code <trigger>} has a {@code <kind>}
     * (triggerin, triggerun or triggerpostun), {@code <packages>} each "name" or "name >= version",
     * the script in {@code <script>} or {@code <file>}, and an {@code <interpreter>}, default /bin/sh.
     * Since 0.2.0 also file triggers, run when any package installs or erases files under some paths
     * (rpm 4.13 and later): kind filetriggerin, filetriggerun, filetriggerpostun (once per package) or
     * transfiletriggerin, transfiletriggerun, transfiletriggerpostun (once per transaction), with
     * {@code <prefixes>} and a {@code <priority>} (default 1000000, higher runs first) instead of packages.
     */
    @Parameter
    private List<TriggerConfig> triggers = new ArrayList<>();

    /**
     * The systemd units the package ships (services, sockets, timers, paths, ...), whose scriptlets
     * are generated with the semantics of systemd's rpm macros: each {@code <systemdUnit>} has a
     * {@code <name>} such as hello.service and {@code <restartOnUpgrade>}, default true
     * ({@code %systemd_postun_with_restart}; false is {@code %systemd_postun}). %post presets them on
     * first install, %preun disables (and where systemd runs stops) them on erase, %postun reloads
     * systemd and try-restarts on upgrade; each succeeds without a running systemd. The commands come
     * before your own scriptlet of the same phase; {@code Requires(post,preun,postun): systemd} is added.
     */
    @Parameter
    private List<SystemdUnitConfig> systemdUnits = new ArrayList<>();

    /**
     * The directories that are this package's own, e.g. /usr/share/hello and /etc/hello: it owns each,
     * and every directory below one on the way to its entries (0755 root:root unless a rule says
     * otherwise), so they need no dir entries. A directory of the base system (/usr,
     * /usr/lib/systemd/system, /etc/sysconfig, ...: the list is in the README) is never owned.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<String> ownedDirectories = new ArrayList<>();

    /**
     * Attributes by install path, for every entry, tree or not: each {@code <rule>} has a {@code <path>}
     * (absolute, or a glob with Maven's {@code **}, {@code *} and {@code ?}) and sets any of {@code <mode>}
     * (files), {@code <directoryMode>}, {@code <user>}, {@code <group>}, {@code <flags>} (replacing the
     * entry's) and {@code <verify>}. Rules apply in order, so the last one that sets an attribute wins;
     * a rule that matches nothing is an error.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<RuleConfig> rules = new ArrayList<>();

    /**
     * The file list in rpm's own %files syntax ({@code %defattr}, {@code %attr}, {@code %config(noreplace)},
     * {@code %ghost}, {@code %dir}, {@code %doc}, {@code %license}, {@code %verify}, globs, {@code %{_unitdir}}
     * and the other directory macros), besides or instead of {@code entries}; its paths are found in
     * {@code filesRoots}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.filesFile")
    private File filesFile;

    /**
     * The staging directories that mirror the installed tree, searched in order for the filesFile's
     * paths; default {@code src/rpm/root}.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<File> filesRoots = new ArrayList<>();

    /**
     * System users the package needs: each {@code <systemUser>} has a {@code <name>}, and optionally a fixed
     * {@code <uid>} (default: one from the system range), a primary {@code <group>} (default: a group of
     * its own name), {@code <gecos>}, {@code <home>} (default /), {@code <shell>} (default /sbin/nologin)
     * and supplementary {@code <groups>}. They are shipped as /usr/lib/sysusers.d/NAME.conf with the
     * user()/group() provides rpmbuild derives from it; rpm 4.19+ (targetRpm el10, fedora) creates them
     * from those before unpacking, for older targets a generated %pre does (getent, groupadd -r,
     * useradd -r) and {@code Requires(pre): shadow-utils} is added.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<SystemUserConfig> systemUsers = new ArrayList<>();

    /**
     * System groups the package needs, beyond each user's own: each {@code <systemGroup>} has a
     * {@code <name>} and optionally a fixed {@code <gid>}; shipped and created as {@code systemUsers}.
     *
     * @since 0.2.0
     */
    @Parameter
    private List<SystemGroupConfig> systemGroups = new ArrayList<>();

    /**
     * tmpfiles.d lines the package ships as /usr/lib/tmpfiles.d/NAME.conf, each {@code <line>} e.g.
     * {@code d /run/hello 0750 hello hello -}; %post applies them with {@code systemd-tmpfiles --create}
     * where it exists ({@code %tmpfiles_create}).
     *
     * @since 0.2.0
     */
    @Parameter
    private List<String> tmpfiles = new ArrayList<>();

    /**
     * A UTF-8 tmpfiles.d file to ship and apply as {@code tmpfiles}, instead of lines.
     *
     * @since 0.2.0
     */
    @Parameter
    private File tmpfilesFile;

    /** Adds what rpmbuild's AutoReqProv adds: each executable script's interpreter, config(NAME) = EVR. */
    @Parameter(property = "rpm.autoDependencies", defaultValue = "true")
    private boolean autoDependencies;

    /** The changelog in spec-file form: "* Tue Nov 24 2026 Name &lt;email&gt; - 1.0-1", then "- text" lines. */
    @Parameter
    private String changelog;

    /** A UTF-8 file holding the changelog in spec-file form, instead of {@code changelog}. */
    @Parameter
    private File changelogFile;

    /** Where the package is written. */
    @Parameter(defaultValue = "${project.build.directory}", required = true)
    private File outputDirectory;

    /** The file name; default name-version-release.arch.rpm. */
    @Parameter(property = "rpm.fileName")
    private String fileName;

    /** Also the legacy header-and-payload signature; default: on for targetRpm el7, whose rpm checks only it. */
    @Parameter(property = "rpm.sign.legacy")
    private Boolean signLegacy;

    /** Attaches the package with this classifier; none by default. */
    @Parameter(property = "rpm.classifier")
    private String classifier;

    /** Whether to attach the package to the project; with packaging rpm it is the main artifact instead. */
    @Parameter(property = "rpm.attach", defaultValue = "true")
    private boolean attach;

    /**
     * The package format, as rpmbuild's {@code %_rpmformat}: 4, or 6 as rpm 6 writes by default (SHA-256
     * and SHA3-256 digests only, 64-bit sizes, MIME types), which needs targetRpm el8 or later.
     *
     * @since 0.2.0
     */
    @Parameter(property = "rpm.rpmFormat", defaultValue = "4")
    private String rpmFormat;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the rpm goal (rpm.skip)");
            return;
        }
        MavenConsole console = new MavenConsole(getLog());
        ResolvedPackage pkg;
        try {
            pkg = PackageResolver.resolve(describedPackage()
                    .entries(entries.stream().map(EntryConfig::toRequest).toList())
                    .scriptlets(scriptlets.stream().map(ScriptletConfig::toRequest).toList())
                    .triggers(triggers.stream().map(TriggerConfig::toRequest).toList())
                    .systemdUnits(systemdUnits.stream().map(SystemdUnitConfig::toRequest).toList())
                    .ownedDirectories(ownedDirectories).rules(rules.stream().map(RuleConfig::toRequest).toList())
                    .filesFile(filesFile == null ? null : filesFile.toPath(), filesRoots.isEmpty() && filesFile != null
                            ? List.of(project.getBasedir().toPath().resolve("src/rpm/root"))
                            : filesRoots.stream().map(File::toPath).toList())
                    .systemUsers(systemUsers.stream().map(SystemUserConfig::toRequest).toList(),
                            systemGroups.stream().map(SystemGroupConfig::toRequest).toList())
                    .tmpfiles(new TmpfilesRequest(tmpfiles, tmpfilesFile == null ? null : tmpfilesFile.toPath()))
                    .changelog(changelog, changelogFile == null ? null : changelogFile.toPath())
                    .fileName(fileName).signLegacy(signLegacy).autoDependencies(autoDependencies)
                    .properties(new ProjectProperties(project)::get).rpmFormat(rpmFormat).build(), console);
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Path output = outputDirectory.toPath().resolve(pkg.fileName());
        try {
            new RpmWriter(console, HEAP).write(pkg.spec(), output,
                    signing(pkg.spec().buildTime(), pkg.legacySignature()));
        } catch (PackagingException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if ("rpm".equals(project.getPackaging()) && classifier == null) {
            project.getArtifact().setFile(output.toFile()); // the main artifact of <packaging>rpm</packaging>
        } else if (attach) {
            projectHelper.attachArtifact(project, "rpm", classifier, output.toFile());
        }
    }
}

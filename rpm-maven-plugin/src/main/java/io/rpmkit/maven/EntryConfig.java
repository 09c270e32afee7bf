package io.rpmkit.maven;

import java.io.File;
import java.util.List;

import io.rpmkit.request.EntryRequest;

/**
 * One {@code <entry>} of the {@code rpm} goal. See {@link EntryRequest} for what each field means;
 * Maven sets the fields by name.
 */
public class EntryConfig {
    /** file, tree, template, dir, symlink or ghost; default file, or tree when the source is a directory. */
    private String type;
    /** Where it is installed, e.g. /etc/app.conf; for a tree, the directory its contents go into. */
    private String path;
    /** The file, template or directory tree on the build machine. */
    private File source;
    /** A symlink's target. */
    private String target;
    /** Octal permissions, e.g. 0644 (files) or 0755 (directories). */
    private String mode;
    /** A tree's directory permissions, default 0755. */
    private String directoryMode;
    /** How much of a tree's permission bits to keep: none, executable or all; default executable, none with mode. */
    private String keepModes;
    /** The owner, default root. */
    private String user;
    /** The owning group, default root. */
    private String group;
    /** Comma-separated: config, noreplace, missingok, doc, license, readme. */
    private String flags;
    /** Comma-separated checks of rpm -V, or none; default all. */
    private String verify;
    /** A tree's Maven patterns, relative to it, of the files to take, e.g. **&#47;*.jar; default all. */
    private List<String> includes;
    /** A tree's Maven patterns of the files to leave out. */
    private List<String> excludes;
    /** Whether a tree's directories belong to the package; default true. */
    private Boolean ownDirectories;
    /** Whether a tree's symlinks are followed; default false: packaged as symlinks. */
    private Boolean followLinks;
    /** Whether Maven's default excludes (SCM metadata, editor backups) apply to a tree; default true. */
    private Boolean useDefaultExcludes;
    /**
     * A file's capabilities as rpm's {@code %caps(...)} takes them, e.g. {@code cap_net_bind_service=ep}.
     *
     * @since 0.2.0
     */
    private String caps;

    EntryRequest toRequest() {
        return new EntryRequest(type, path, source == null ? null : source.toPath(), target, mode, directoryMode, user,
                group, flags, verify, includes, excludes, ownDirectories, keepModes, followLinks, useDefaultExcludes,
                caps);
    }
}

package io.rpmkit.request;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.rpmkit.format.DependencyKind;

/**
 * A package as a front end's user wrote it: strings as written, so that every problem can quote
 * them, resolved into a validated spec by {@link PackageResolver}. Unset values are null.
 *
 * @param version the rpm version; null to map {@code projectVersion} (see {@link ProjectVersions})
 * @param outputTimestamp the build timestamp as configured (ISO-8601 or seconds); with
 *     {@code sourceDateEpoch} it decides BUILDTIME and every mtime
 * @param fallbackTime used, with a warning, when neither timestamp is set; the core never reads the clock
 * @param properties what templates may use beyond the package's own rpm.* values, e.g. a project's properties
 * @param systemUsers the system users the package creates (see {@link SystemUsers})
 * @param systemGroups the system groups the package creates
 * @param tmpfiles the tmpfiles.d configuration the package ships and applies; null for none
 */
public record PackageRequest(
        String name,
        String projectVersion,
        String version,
        String release,
        Integer epoch,
        String arch,
        String summary,
        String description,
        String license,
        String group,
        String url,
        String vendor,
        String packager,
        String buildHost,
        String outputTimestamp,
        String sourceDateEpoch,
        Instant fallbackTime,
        String targetRpm,
        String compression,
        Integer compressionLevel,
        List<EntryRequest> entries,
        Map<DependencyKind, List<String>> dependencies,
        List<ScriptRequest> scriptlets,
        List<ScriptRequest> triggers,
        List<UnitRequest> systemdUnits,
        List<String> ownedDirectories,
        List<AttributeRuleRequest> rules,
        Path filesFile,
        List<Path> filesRoots,
        String changelog,
        Path changelogFile,
        String fileName,
        Boolean signLegacy,
        Boolean autoDependencies,
        Function<String, String> properties,
        String rpmFormat,
        List<UserRequest> systemUsers,
        List<GroupRequest> systemGroups,
        TmpfilesRequest tmpfiles) {

    public PackageRequest {
        entries = List.copyOf(entries);
        dependencies = Map.copyOf(dependencies);
        scriptlets = List.copyOf(scriptlets);
        triggers = List.copyOf(triggers);
        systemdUnits = List.copyOf(systemdUnits);
        ownedDirectories = List.copyOf(ownedDirectories);
        rules = List.copyOf(rules);
        filesRoots = List.copyOf(filesRoots);
        properties = properties == null ? key -> null : properties;
        systemUsers = systemUsers == null ? List.of() : List.copyOf(systemUsers);
        systemGroups = systemGroups == null ? List.of() : List.copyOf(systemGroups);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects a request. Unset values keep the defaults every front end shares: release 1, arch
     * noarch, group Unspecified, build host localhost, target el7; a value set to null stays null.
     */
    public static final class Builder {
        private String name;
        private String projectVersion;
        private String version;
        private String release = "1";
        private Integer epoch;
        private String arch = "noarch";
        private String summary;
        private String description;
        private String license;
        private String group = "Unspecified";
        private String url;
        private String vendor;
        private String packager;
        private String buildHost = "localhost";
        private String outputTimestamp;
        private String sourceDateEpoch;
        private Instant fallbackTime;
        private String targetRpm = "el7";
        private String compression;
        private Integer compressionLevel;
        private final List<EntryRequest> entries = new ArrayList<>();
        private final Map<DependencyKind, List<String>> dependencies = new EnumMap<>(DependencyKind.class);
        private final List<ScriptRequest> scriptlets = new ArrayList<>();
        private final List<ScriptRequest> triggers = new ArrayList<>();
        private final List<UnitRequest> systemdUnits = new ArrayList<>();
        private final List<String> ownedDirectories = new ArrayList<>();
        private final List<AttributeRuleRequest> rules = new ArrayList<>();
        private Path filesFile;
        private final List<Path> filesRoots = new ArrayList<>();
        private String changelog;
        private Path changelogFile;
        private String fileName;
        private String rpmFormat = "4";
        private Boolean signLegacy;
        private Boolean autoDependencies;
        private Function<String, String> properties;
        private final List<UserRequest> systemUsers = new ArrayList<>();
        private final List<GroupRequest> systemGroups = new ArrayList<>();
        private TmpfilesRequest tmpfiles;

        private Builder() {
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        /** The front end's own version (a Maven project's), mapped when no rpm version is given. */
        public Builder projectVersion(String value) {
            projectVersion = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        public Builder release(String value) {
            release = value;
            return this;
        }

        public Builder epoch(Integer value) {
            epoch = value;
            return this;
        }

        public Builder arch(String value) {
            arch = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder license(String value) {
            license = value;
            return this;
        }

        public Builder group(String value) {
            group = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        public Builder vendor(String value) {
            vendor = value;
            return this;
        }

        public Builder packager(String value) {
            packager = value;
            return this;
        }

        public Builder buildHost(String value) {
            buildHost = value;
            return this;
        }

        /** The configured timestamp and SOURCE_DATE_EPOCH, and the time to use, with a warning, without them. */
        public Builder buildTime(String configured, String sourceDateEpochValue, Instant fallback) {
            outputTimestamp = configured;
            sourceDateEpoch = sourceDateEpochValue;
            fallbackTime = fallback;
            return this;
        }

        public Builder targetRpm(String value) {
            targetRpm = value;
            return this;
        }

        public Builder compression(String value, Integer level) {
            compression = value;
            compressionLevel = level;
            return this;
        }

        public Builder entries(List<EntryRequest> values) {
            entries.addAll(values);
            return this;
        }

        /** Dependencies of one kind, each as in a spec file, e.g. {@code (post) systemd >= 219}. */
        public Builder dependencies(DependencyKind kind, List<String> values) {
            dependencies.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(values);
            return this;
        }

        public Builder scriptlets(List<ScriptRequest> values) {
            scriptlets.addAll(values);
            return this;
        }

        public Builder triggers(List<ScriptRequest> values) {
            triggers.addAll(values);
            return this;
        }

        /** The systemd units whose enable, disable, reload and restart the package's scriptlets handle. */
        public Builder systemdUnits(List<UnitRequest> values) {
            systemdUnits.addAll(values);
            return this;
        }

        /**
         * The directories that are the package's own: it owns each of them and every directory below one
         * on the way to its entries.
         */
        public Builder ownedDirectories(List<String> values) {
            ownedDirectories.addAll(values);
            return this;
        }

        /** Path rules, applied in order to every entry after the owned directories are added. */
        public Builder rules(List<AttributeRuleRequest> values) {
            rules.addAll(values);
            return this;
        }

        /**
         * A file list in rpm's %files syntax, whose paths are found in the staging roots (each a directory
         * that mirrors the installed tree), in order.
         */
        public Builder filesFile(Path file, List<Path> roots) {
            filesFile = file;
            filesRoots.addAll(roots);
            return this;
        }

        public Builder changelog(String text, Path file) {
            changelog = text;
            changelogFile = file;
            return this;
        }

        public Builder fileName(String value) {
            fileName = value;
            return this;
        }

        public Builder signLegacy(Boolean value) {
            signLegacy = value;
            return this;
        }

        /** Whether the dependencies rpmbuild generates are added (null: yes). */
        public Builder autoDependencies(Boolean value) {
            autoDependencies = value;
            return this;
        }

        public Builder properties(Function<String, String> lookup) {
            properties = lookup;
            return this;
        }

        /** The package format, as rpmbuild's %_rpmformat: 4 (the default) or 6. */
        public Builder rpmFormat(String value) {
            rpmFormat = value;
            return this;
        }

        /** System users and groups to create before the package's files are unpacked. */
        public Builder systemUsers(List<UserRequest> users, List<GroupRequest> groups) {
            systemUsers.addAll(users);
            systemGroups.addAll(groups);
            return this;
        }

        /** The tmpfiles.d configuration to ship and apply; null for none. */
        public Builder tmpfiles(TmpfilesRequest value) {
            tmpfiles = value;
            return this;
        }

        public PackageRequest build() {
            return new PackageRequest(name, projectVersion, version, release, epoch, arch, summary, description,
                    license, group, url, vendor, packager, buildHost, outputTimestamp, sourceDateEpoch, fallbackTime,
                    targetRpm, compression, compressionLevel, entries, dependencies, scriptlets, triggers, systemdUnits,
                    ownedDirectories, rules, filesFile, filesRoots, changelog, changelogFile, fileName, signLegacy,
                    autoDependencies, properties, rpmFormat, systemUsers, systemGroups, tmpfiles);
        }
    }
}

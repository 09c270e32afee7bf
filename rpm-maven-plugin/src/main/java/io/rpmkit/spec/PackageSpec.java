package io.rpmkit.spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.rpmkit.PackagingException;

/**
 * Everything a package is made of. Built, and validated once, by {@link #builder()}: an instance
 * always describes a package rpm can read.
 *
 * @param epoch null when the package has none (rpm then compares as epoch 0 but stores nothing)
 * @param buildTime BUILDTIME, and the mtime of every entry; never the clock's
 * @param autoDependencies whether the writer adds the dependencies rpmbuild generates: the interpreter
 *     of every executable script, and {@code config(NAME)} for packages with config files
 * @param rpmFormat the package format, v4 unless v6 is asked for
 */
public record PackageSpec(
        String name,
        Integer epoch,
        String version,
        String release,
        String arch,
        String os,
        String summary,
        String description,
        String license,
        String group,
        String url,
        String vendor,
        String packager,
        String buildHost,
        Instant buildTime,
        List<ChangelogEntry> changelog,
        List<Entry> entries,
        List<Dependency> dependencies,
        List<Scriptlet> scriptlets,
        List<Trigger> triggers,
        Compression compression,
        int compressionLevel,
        TargetRpm targetRpm,
        boolean autoDependencies,
        RpmFormat rpmFormat) {

    public PackageSpec {
        changelog = List.copyOf(changelog);
        entries = List.copyOf(entries);
        dependencies = List.copyOf(dependencies);
        scriptlets = List.copyOf(scriptlets);
        triggers = List.copyOf(triggers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code name-version-release}, the stem of the file name and of the lead's name. */
    public String nameVersionRelease() {
        return name + "-" + version + "-" + release;
    }

    /** rpm's conventional file name: {@code name-version-release.arch.rpm}. */
    public String fileName() {
        return nameVersionRelease() + "." + arch + ".rpm";
    }

    /** {@code [epoch:]version-release}, as the package's own Provides states it. */
    public String evr() {
        return (epoch == null ? "" : epoch + ":") + version + "-" + release;
    }

    /** {@code name-[epoch:]version-release}: a v6 lead's name and SOURCENEVR. */
    public String nameEpochVersionRelease() {
        return name + "-" + evr();
    }

    /** Collects a package's parts; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private String name;
        private Integer epoch;
        private String version;
        private String release = "1";
        private String arch = "noarch";
        private String os = "linux";
        private String summary;
        private String description;
        private String license;
        private String group = "Unspecified";
        private String url;
        private String vendor;
        private String packager;
        private String buildHost = "localhost";
        private Instant buildTime;
        private final List<ChangelogEntry> changelog = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<Dependency> dependencies = new ArrayList<>();
        private final List<Scriptlet> scriptlets = new ArrayList<>();
        private final List<Trigger> triggers = new ArrayList<>();
        private Compression compression;
        private Integer compressionLevel;
        private TargetRpm targetRpm = TargetRpm.EL7;
        private boolean autoDependencies = true;
        private RpmFormat rpmFormat = RpmFormat.V4;
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /** Records a problem found while filling the builder; {@link #build()} reports it with the rest. */
        public Builder problem(String message) {
            problems.add(message);
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder epoch(Integer value) {
            epoch = value;
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

        public Builder arch(String value) {
            arch = value;
            return this;
        }

        public Builder os(String value) {
            os = value;
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

        public Builder buildTime(Instant value) {
            buildTime = value;
            return this;
        }

        public Builder changelog(ChangelogEntry value) {
            changelog.add(value);
            return this;
        }

        public Builder entry(Entry value) {
            entries.add(value);
            return this;
        }

        public Builder entries(List<Entry> values) {
            entries.addAll(values);
            return this;
        }

        public Builder dependency(Dependency value) {
            dependencies.add(value);
            return this;
        }

        public Builder scriptlet(Scriptlet value) {
            scriptlets.add(value);
            return this;
        }

        public Builder trigger(Trigger value) {
            triggers.add(value);
            return this;
        }

        /** The oldest rpm that must read the package; default el7. */
        public Builder targetRpm(TargetRpm value) {
            targetRpm = value;
            return this;
        }

        /** Whether to add the dependencies rpmbuild generates (its AutoReqProv); default yes. */
        public Builder autoDependencies(boolean value) {
            autoDependencies = value;
            return this;
        }

        /** The package format; default (and null) v4. */
        public Builder rpmFormat(RpmFormat value) {
            rpmFormat = value;
            return this;
        }

        /** The payload's compression (null: the target's default); a null level means the compression's default. */
        public Builder compression(Compression value, Integer level) {
            compression = value;
            compressionLevel = level;
            return this;
        }

        public PackageSpec build() throws PackagingException {
            String fullDescription = description == null || description.isBlank() ? summary : description;
            TargetRpm target = targetRpm != null ? targetRpm : TargetRpm.EL7;
            Compression payloadCompression = compression != null ? compression : target.defaultCompression();
            int level = compressionLevel != null ? compressionLevel : payloadCompression.defaultLevel();
            PackageSpec spec = new PackageSpec(name, epoch, version, release, arch, os, summary, fullDescription,
                    license, group, url, vendor, packager, buildHost, buildTime, changelog, entries, dependencies,
                    scriptlets, triggers, payloadCompression, level, target, autoDependencies,
                    rpmFormat != null ? rpmFormat : RpmFormat.V4);
            List<String> all = new ArrayList<>(problems);
            all.addAll(new SpecValidation(spec).problems());
            if (!all.isEmpty()) {
                throw new PackagingException("validating package " + (name == null ? "(no name)" : name), all);
            }
            return spec;
        }
    }
}

package io.rpmkit.read;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.rpmkit.PackagingException;
import io.rpmkit.format.DependencyKind;
import io.rpmkit.format.RpmTag;
import io.rpmkit.format.ScriptletPhase;
import io.rpmkit.format.SignatureTag;
import io.rpmkit.format.Tag;
import io.rpmkit.spec.ChangelogEntry;

/**
 * A package read by {@link RpmReader}: both headers with typed access to every tag, record views
 * of the parts people ask about, and the way to its payload. Immutable; the payload is read from
 * the file again on demand, never held.
 *
 * <p>The typed accessors take a {@link SignatureTag} for the signature header and an
 * {@link RpmTag} for the main header.
 */
public final class RpmPackage {
    private final Path path;
    private final long fileSize;
    private final RpmHeader signature;
    private final RpmHeader header;
    private final long headerOffset;
    private final long payloadOffset;
    private final PayloadCompression compression;
    private final PackageViews views;
    /** Built on first use, from the header checked when the package was read. */
    private List<RpmFile> files;
    private Map<DependencyKind, List<HeaderDependency>> dependencies;
    private List<HeaderScriptlet> scriptlets;
    private List<HeaderTrigger> triggers;
    private List<HeaderTrigger> fileTriggers;
    private List<ChangelogEntry> changelog;

    RpmPackage(Path path, long fileSize, RpmHeader signature, RpmHeader header, long headerOffset,
            long payloadOffset) throws PackagingException {
        this.path = path;
        this.fileSize = fileSize;
        this.signature = signature;
        this.header = header;
        this.headerOffset = headerOffset;
        this.payloadOffset = payloadOffset;
        String where = "reading " + path;
        for (RpmTag required : new RpmTag[] {RpmTag.NAME, RpmTag.VERSION, RpmTag.RELEASE}) {
            if (!header.contains(required)) {
                throw new PackagingException(where + ": main header has no " + required.name()
                        + ", which every package has");
            }
        }
        this.views = new PackageViews(header, where);
        this.compression = PayloadCompression.ofTag(header.string(RpmTag.PAYLOADCOMPRESSOR), where);
        views.check();
    }

    public Path path() {
        return path;
    }

    /** The file's size when it was read. */
    public long fileSize() {
        return fileSize;
    }

    public RpmHeader signature() {
        return signature;
    }

    public RpmHeader header() {
        return header;
    }

    public boolean contains(Tag tag) {
        return headerOf(tag).contains(tag);
    }

    public Optional<String> string(Tag tag) {
        return headerOf(tag).string(tag);
    }

    public List<String> strings(Tag tag) {
        return headerOf(tag).strings(tag);
    }

    public int[] int32(Tag tag) {
        return headerOf(tag).int32(tag);
    }

    public short[] int16(Tag tag) {
        return headerOf(tag).int16(tag);
    }

    public long[] int64(Tag tag) {
        return headerOf(tag).int64(tag);
    }

    public byte[] bytes(Tag tag) {
        return headerOf(tag).bytes(tag);
    }

    public String name() {
        return header.string(RpmTag.NAME).orElseThrow();
    }

    public String version() {
        return header.string(RpmTag.VERSION).orElseThrow();
    }

    public String release() {
        return header.string(RpmTag.RELEASE).orElseThrow();
    }

    public OptionalInt epoch() {
        int[] epoch = header.int32(RpmTag.EPOCH);
        return epoch.length == 0 ? OptionalInt.empty() : OptionalInt.of(epoch[0]);
    }

    public Optional<String> arch() {
        return header.string(RpmTag.ARCH);
    }

    /** {@code name-[epoch:]version-release.arch}, as rpm names an installed package. */
    public String nevra() {
        return name() + "-" + (epoch().isPresent() ? epoch().getAsInt() + ":" : "") + version() + "-" + release()
                + arch().map(a -> "." + a).orElse("");
    }

    public Optional<String> summary() {
        return header.string(RpmTag.SUMMARY);
    }

    public Optional<String> description() {
        return header.string(RpmTag.DESCRIPTION);
    }

    public Optional<String> license() {
        return header.string(RpmTag.LICENSE);
    }

    public Optional<String> group() {
        return header.string(RpmTag.GROUP);
    }

    public Optional<String> url() {
        return header.string(RpmTag.URL);
    }

    public Optional<String> vendor() {
        return header.string(RpmTag.VENDOR);
    }

    public Optional<String> packager() {
        return header.string(RpmTag.PACKAGER);
    }

    public Optional<String> buildHost() {
        return header.string(RpmTag.BUILDHOST);
    }

    public Optional<String> sourceRpm() {
        return header.string(RpmTag.SOURCERPM);
    }

    public Optional<Instant> buildTime() {
        OptionalLong seconds = header.number(RpmTag.BUILDTIME);
        return seconds.isPresent() ? Optional.of(Instant.ofEpochSecond(seconds.getAsLong())) : Optional.empty();
    }

    /** The installed size: LONGSIZE when present, else SIZE read unsigned. */
    public OptionalLong installedSize() {
        OptionalLong size = header.number(RpmTag.LONGSIZE);
        return size.isPresent() ? size : header.number(RpmTag.SIZE);
    }

    public PayloadCompression payloadCompression() {
        return compression;
    }

    public synchronized List<RpmFile> files() {
        if (files == null) {
            files = views.files();
        }
        return files;
    }

    public synchronized List<HeaderDependency> dependencies(DependencyKind kind) {
        if (dependencies == null) {
            dependencies = Map.copyOf(views.dependencies());
        }
        return dependencies.get(kind);
    }

    public synchronized List<HeaderScriptlet> scriptlets() {
        if (scriptlets == null) {
            scriptlets = views.scriptlets();
        }
        return scriptlets;
    }

    public Optional<HeaderScriptlet> scriptlet(ScriptletPhase phase) {
        return scriptlets().stream().filter(s -> s.label().equals(phase.queryLabel())).findFirst();
    }

    /** The %verifyscript, which {@code rpm -V} runs. */
    public Optional<HeaderScriptlet> verifyScript() {
        return scriptlets().stream().filter(s -> s.label().equals("verify")).findFirst();
    }

    public synchronized List<HeaderTrigger> triggers() {
        if (triggers == null) {
            triggers = views.triggers();
        }
        return triggers;
    }

    /** %filetrigger* and %transfiletrigger* scripts, in that order. */
    public synchronized List<HeaderTrigger> fileTriggers() {
        if (fileTriggers == null) {
            fileTriggers = views.fileTriggers();
        }
        return fileTriggers;
    }

    public synchronized List<ChangelogEntry> changelog() {
        if (changelog == null) {
            changelog = views.changelog();
        }
        return changelog;
    }

    /** The main header as stored; what SHA256HEADER, SHA1HEADER and the header signatures cover. */
    public byte[] headerBytes() {
        return header.bytes();
    }

    /** Where the main header starts: after the lead, the signature header and its padding. */
    public long headerOffset() {
        return headerOffset;
    }

    /** Where the compressed payload starts, right after the main header. */
    public long payloadOffset() {
        return payloadOffset;
    }

    public PayloadReader openPayload() throws PackagingException {
        return PayloadReader.open(this);
    }

    /** Calls the visitor for every payload entry; an I/O failure of the visitor ends the walk. */
    public void forEachPayloadEntry(PayloadVisitor visitor) throws PackagingException {
        try (PayloadReader payload = openPayload()) {
            for (PayloadEntry entry = payload.next(); entry != null; entry = payload.next()) {
                try {
                    visitor.visit(entry);
                } catch (IOException e) {
                    throw payload.failure(e);
                }
            }
        }
    }

    /** Recomputes every digest and size the package states; see {@link DigestVerifier}. */
    public DigestReport verifyDigests() throws PackagingException {
        return DigestVerifier.verify(this);
    }

    /**
     * Checks every OpenPGP signature against the given keys, as {@code rpmkeys -K} does against its
     * database; see {@link SignatureVerifier}.
     */
    public SignatureReport verifySignatures(VerificationKeys keys) throws PackagingException {
        return SignatureVerifier.verify(this, keys);
    }

    private RpmHeader headerOf(Tag tag) {
        return tag instanceof SignatureTag ? signature : header;
    }

    @Override
    public String toString() {
        return nevra() + " (" + path + ")";
    }
}

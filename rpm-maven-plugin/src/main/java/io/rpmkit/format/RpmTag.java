package io.rpmkit.format;

import org.redline_rpm.header.Header.HeaderTag;

/**
 * Every main-header tag this project writes or reads, named once with its number and wire type.
 * Numbers come from Redline's vocabulary where it has the tag; the rest are from rpm's
 * include/rpm/rpmtag.h ({@code RPMTAG_*}), which is also where each wire type is defined.
 */
public enum RpmTag implements Tag {
    HEADERIMMUTABLE(HeaderTag.HEADERIMMUTABLE, TagType.BIN),
    HEADERI18NTABLE(HeaderTag.HEADERI18NTABLE, TagType.STRING_ARRAY),
    NAME(HeaderTag.NAME, TagType.STRING),
    VERSION(HeaderTag.VERSION, TagType.STRING),
    RELEASE(HeaderTag.RELEASE, TagType.STRING),
    EPOCH(HeaderTag.EPOCH, TagType.INT32),
    SUMMARY(HeaderTag.SUMMARY, TagType.I18NSTRING),
    DESCRIPTION(HeaderTag.DESCRIPTION, TagType.I18NSTRING),
    BUILDTIME(HeaderTag.BUILDTIME, TagType.INT32),
    BUILDHOST(HeaderTag.BUILDHOST, TagType.STRING),
    SIZE(HeaderTag.SIZE, TagType.INT32),
    VENDOR(HeaderTag.VENDOR, TagType.STRING),
    LICENSE(HeaderTag.LICENSE, TagType.STRING),
    PACKAGER(HeaderTag.PACKAGER, TagType.STRING),
    GROUP(HeaderTag.GROUP, TagType.I18NSTRING),
    URL(HeaderTag.URL, TagType.STRING),
    OS(HeaderTag.OS, TagType.STRING),
    ARCH(HeaderTag.ARCH, TagType.STRING),
    PREIN(HeaderTag.PREINSCRIPT, TagType.STRING),
    POSTIN(HeaderTag.POSTINSCRIPT, TagType.STRING),
    PREUN(HeaderTag.PREUNSCRIPT, TagType.STRING),
    POSTUN(HeaderTag.POSTUNSCRIPT, TagType.STRING),
    FILESIZES(HeaderTag.FILESIZES, TagType.INT32),
    FILEMODES(HeaderTag.FILEMODES, TagType.INT16),
    FILERDEVS(HeaderTag.FILERDEVS, TagType.INT16),
    FILEMTIMES(HeaderTag.FILEMTIMES, TagType.INT32),
    FILEDIGESTS(HeaderTag.FILEDIGESTS, TagType.STRING_ARRAY),
    FILELINKTOS(HeaderTag.FILELINKTOS, TagType.STRING_ARRAY),
    FILEFLAGS(HeaderTag.FILEFLAGS, TagType.INT32),
    FILEUSERNAME(HeaderTag.FILEUSERNAME, TagType.STRING_ARRAY),
    FILEGROUPNAME(HeaderTag.FILEGROUPNAME, TagType.STRING_ARRAY),
    SOURCERPM(HeaderTag.SOURCERPM, TagType.STRING),
    FILEVERIFYFLAGS(HeaderTag.FILEVERIFYFLAGS, TagType.INT32),
    PROVIDENAME(HeaderTag.PROVIDENAME, TagType.STRING_ARRAY),
    REQUIREFLAGS(HeaderTag.REQUIREFLAGS, TagType.INT32),
    REQUIRENAME(HeaderTag.REQUIRENAME, TagType.STRING_ARRAY),
    REQUIREVERSION(HeaderTag.REQUIREVERSION, TagType.STRING_ARRAY),
    CONFLICTFLAGS(HeaderTag.CONFLICTFLAGS, TagType.INT32),
    CONFLICTNAME(HeaderTag.CONFLICTNAME, TagType.STRING_ARRAY),
    CONFLICTVERSION(HeaderTag.CONFLICTVERSION, TagType.STRING_ARRAY),
    RPMVERSION(HeaderTag.RPMVERSION, TagType.STRING),
    TRIGGERSCRIPTS(HeaderTag.TRIGGERSCRIPTS, TagType.STRING_ARRAY),
    TRIGGERNAME(HeaderTag.TRIGGERNAME, TagType.STRING_ARRAY),
    TRIGGERVERSION(HeaderTag.TRIGGERVERSION, TagType.STRING_ARRAY),
    TRIGGERFLAGS(HeaderTag.TRIGGERFLAGS, TagType.INT32),
    TRIGGERINDEX(HeaderTag.TRIGGERINDEX, TagType.INT32),
    CHANGELOGTIME(HeaderTag.CHANGELOGTIME, TagType.INT32),
    CHANGELOGNAME(HeaderTag.CHANGELOGNAME, TagType.STRING_ARRAY),
    CHANGELOGTEXT(HeaderTag.CHANGELOGTEXT, TagType.STRING_ARRAY),
    PREINPROG(HeaderTag.PREINPROG, TagType.STRING),
    POSTINPROG(HeaderTag.POSTINPROG, TagType.STRING),
    PREUNPROG(HeaderTag.PREUNPROG, TagType.STRING),
    POSTUNPROG(HeaderTag.POSTUNPROG, TagType.STRING),
    OBSOLETENAME(HeaderTag.OBSOLETENAME, TagType.STRING_ARRAY),
    TRIGGERSCRIPTPROG(HeaderTag.TRIGGERSCRIPTPROG, TagType.STRING_ARRAY),
    FILEDEVICES(HeaderTag.FILEDEVICES, TagType.INT32),
    FILEINODES(HeaderTag.FILEINODES, TagType.INT32),
    FILELANGS(HeaderTag.FILELANGS, TagType.STRING_ARRAY),
    PROVIDEFLAGS(HeaderTag.PROVIDEFLAGS, TagType.INT32),
    PROVIDEVERSION(HeaderTag.PROVIDEVERSION, TagType.STRING_ARRAY),
    OBSOLETEFLAGS(HeaderTag.OBSOLETEFLAGS, TagType.INT32),
    OBSOLETEVERSION(HeaderTag.OBSOLETEVERSION, TagType.STRING_ARRAY),
    DIRINDEXES(HeaderTag.DIRINDEXES, TagType.INT32),
    BASENAMES(HeaderTag.BASENAMES, TagType.STRING_ARRAY),
    DIRNAMES(HeaderTag.DIRNAMES, TagType.STRING_ARRAY),
    PAYLOADFORMAT(HeaderTag.PAYLOADFORMAT, TagType.STRING),
    PAYLOADCOMPRESSOR(HeaderTag.PAYLOADCOMPRESSOR, TagType.STRING),
    PAYLOADFLAGS(HeaderTag.PAYLOADFLAGS, TagType.STRING),
    PLATFORM(HeaderTag.PLATFORM, TagType.STRING),
    PRETRANS(HeaderTag.PRETRANSSCRIPT, TagType.STRING),
    POSTTRANS(HeaderTag.POSTTRANSSCRIPT, TagType.STRING),
    PRETRANSPROG(HeaderTag.PRETRANSPROG, TagType.STRING),
    POSTTRANSPROG(HeaderTag.POSTTRANSPROG, TagType.STRING),
    /** RPMTAG_LONGFILESIZES: replaces FILESIZES when a file does not fit 32 bits. */
    LONGFILESIZES(5008, TagType.INT64),
    /** RPMTAG_LONGSIZE: replaces SIZE when the installed size does not fit 32 bits. */
    LONGSIZE(5009, TagType.INT64),
    /** RPMTAG_FILEDIGESTALGO: the hash of FILEDIGESTS (8 = SHA-256). */
    FILEDIGESTALGO(5011, TagType.INT32),
    RECOMMENDNAME(5046, TagType.STRING_ARRAY),
    RECOMMENDVERSION(5047, TagType.STRING_ARRAY),
    RECOMMENDFLAGS(5048, TagType.INT32),
    SUGGESTNAME(5049, TagType.STRING_ARRAY),
    SUGGESTVERSION(5050, TagType.STRING_ARRAY),
    SUGGESTFLAGS(5051, TagType.INT32),
    SUPPLEMENTNAME(5052, TagType.STRING_ARRAY),
    SUPPLEMENTVERSION(5053, TagType.STRING_ARRAY),
    SUPPLEMENTFLAGS(5054, TagType.INT32),
    ENHANCENAME(5055, TagType.STRING_ARRAY),
    ENHANCEVERSION(5056, TagType.STRING_ARRAY),
    ENHANCEFLAGS(5057, TagType.INT32),
    ENCODING(HeaderTag.ENCODING, TagType.STRING),
    PAYLOADDIGEST(HeaderTag.PAYLOADDIGEST, TagType.STRING_ARRAY),
    PAYLOADDIGESTALGO(HeaderTag.PAYLOADDIGESTALGO, TagType.INT32),
    /** RPMTAG_PAYLOADDIGESTALT: digest of the uncompressed payload (Redline stores the compressed one). */
    PAYLOADDIGESTALT(HeaderTag.PAYLOADDIGESTALT, TagType.STRING_ARRAY),
    /** RPMTAG_ARCHIVESIZE: the uncompressed payload's size, which rpm before 4.x kept in the main header. */
    ARCHIVESIZE(1046, TagType.INT32),
    /** RPMTAG_SOURCEPACKAGE: present in source packages. */
    SOURCEPACKAGE(1106, TagType.INT32),
    /** RPMTAG_VERIFYSCRIPT and RPMTAG_VERIFYSCRIPTPROG: the %verifyscript and its interpreter. */
    VERIFYSCRIPT(1079, TagType.STRING),
    VERIFYSCRIPTPROG(1091, TagType.STRING_ARRAY),
    /** RPMTAG_*FLAGS of the scriptlets (RPMSCRIPT_FLAG_*, rpmscript.h: 1 expand macros (-e), 2 query format (-q)). */
    PREINFLAGS(5020, TagType.INT32),
    POSTINFLAGS(5021, TagType.INT32),
    PREUNFLAGS(5022, TagType.INT32),
    POSTUNFLAGS(5023, TagType.INT32),
    PRETRANSFLAGS(5024, TagType.INT32),
    POSTTRANSFLAGS(5025, TagType.INT32),
    VERIFYSCRIPTFLAGS(5026, TagType.INT32),
    TRIGGERSCRIPTFLAGS(5027, TagType.INT32),
    /** RPMTAG_FILETRIGGER*: %filetrigger* scripts, their path prefixes and priorities. */
    FILETRIGGERSCRIPTS(5066, TagType.STRING_ARRAY),
    FILETRIGGERSCRIPTPROG(5067, TagType.STRING_ARRAY),
    FILETRIGGERSCRIPTFLAGS(5068, TagType.INT32),
    FILETRIGGERNAME(5069, TagType.STRING_ARRAY),
    FILETRIGGERINDEX(5070, TagType.INT32),
    FILETRIGGERVERSION(5071, TagType.STRING_ARRAY),
    FILETRIGGERFLAGS(5072, TagType.INT32),
    FILETRIGGERPRIORITIES(5084, TagType.INT32),
    /** RPMTAG_TRANSFILETRIGGER*: %transfiletrigger*, the same arrays. */
    TRANSFILETRIGGERSCRIPTS(5076, TagType.STRING_ARRAY),
    TRANSFILETRIGGERSCRIPTPROG(5077, TagType.STRING_ARRAY),
    TRANSFILETRIGGERSCRIPTFLAGS(5078, TagType.INT32),
    TRANSFILETRIGGERNAME(5079, TagType.STRING_ARRAY),
    TRANSFILETRIGGERINDEX(5080, TagType.INT32),
    TRANSFILETRIGGERVERSION(5081, TagType.STRING_ARRAY),
    TRANSFILETRIGGERFLAGS(5082, TagType.INT32),
    TRANSFILETRIGGERPRIORITIES(5085, TagType.INT32),
    /*
     * The v6 format's tags (rpm 6, include/rpm/rpmtag.h; docs/manual/format_v6.md). rpm 6 calls 5092,
     * 5093 and 5097 PAYLOADSHA256, PAYLOADSHA256ALGO and PAYLOADSHA256ALT; v6 packages have no 5093.
     */
    /** RPMTAG_FILECOLORS: per file, 1 for a 32-bit and 2 for a 64-bit executable ELF file, else 0. */
    FILECOLORS(1140, TagType.INT32),
    /**
     * RPMTAG_FILEDEPENDSX and RPMTAG_FILEDEPENDSN: per file, where its generated dependencies start in
     * DEPENDSDICT and how many there are; DEPENDSDICT holds each as its kind's letter (R for requires)
     * shifted 24 bits left, or'ed with its index in that kind's list ({@code rpm -q --filerequire}).
     */
    FILEDEPENDSX(1143, TagType.INT32),
    FILEDEPENDSN(1144, TagType.INT32),
    DEPENDSDICT(1145, TagType.INT32),
    /** RPMTAG_PAYLOADSIZE: the payload's size in the file. */
    PAYLOADSIZE(5112, TagType.INT64),
    /** RPMTAG_PAYLOADSIZEALT: the uncompressed cpio archive's size. */
    PAYLOADSIZEALT(5113, TagType.INT64),
    /** RPMTAG_RPMFORMAT: the package format, 6; absent from v4 packages. */
    RPMFORMAT(5114, TagType.INT32),
    /** RPMTAG_FILEMIMEINDEX: each file's index into MIMEDICT. */
    FILEMIMEINDEX(5115, TagType.INT32),
    /** RPMTAG_MIMEDICT: the files' MIME types, each once, in the order of the first file of each. */
    MIMEDICT(5116, TagType.STRING_ARRAY),
    /** RPMTAG_SOURCENEVR: name-[epoch:]version-release of the source package. */
    SOURCENEVR(5120, TagType.STRING),
    /** RPMTAG_PAYLOADSHA512 and its ALT: SHA-512 of the compressed and of the uncompressed payload. */
    PAYLOADSHA512(5121, TagType.STRING),
    PAYLOADSHA512ALT(5122, TagType.STRING),
    /** RPMTAG_PAYLOADSHA3_256 and its ALT: SHA3-256 of the compressed and of the uncompressed payload. */
    PAYLOADSHA3_256(5123, TagType.STRING),
    PAYLOADSHA3_256ALT(5124, TagType.STRING),
    /** RPMTAG_ORDER*: OrderWithRequires, ordering hints that require nothing (rpm 4.9 and later). */
    ORDERNAME(5035, TagType.STRING_ARRAY),
    ORDERVERSION(5036, TagType.STRING_ARRAY),
    ORDERFLAGS(5037, TagType.INT32),
    /** RPMTAG_FILECAPS: each file's capabilities in libcap's text form, empty for none. */
    FILECAPS(5010, TagType.STRING_ARRAY);

    private final int code;
    private final TagType type;

    RpmTag(HeaderTag redlineTag, TagType type) {
        this(redlineTag.getCode(), type);
    }

    RpmTag(int code, TagType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public TagType type() {
        return type;
    }
}

package io.rpmkit.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The flag bits stored in dependency flags ({@code RPMSENSE_*}, rpm's include/rpm/rpmds.h) and in
 * FILEFLAGS ({@code RPMFILE_*}, include/rpm/rpmfiles.h), with the words rpm's own query formats use
 * for them, so that summaries read like {@code rpm -q} output.
 */
public final class Flags {
    // Bits with a meaning of their own in the vocabulary are defined there (Comparison, InstallContext,
    // TriggerKind, FileFlag) and named again here for readers of raw flags.
    public static final int SENSE_LESS = Comparison.LESS.senseBits();
    public static final int SENSE_GREATER = Comparison.GREATER.senseBits();
    public static final int SENSE_EQUAL = Comparison.EQUAL.senseBits();
    public static final int SENSE_POSTTRANS = InstallContext.POSTTRANS.senseBit();
    /** Legacy PreReq; rpm still sets it on some generated dependencies. */
    public static final int SENSE_PREREQ = 1 << 6;
    public static final int SENSE_PRETRANS = InstallContext.PRETRANS.senseBit();
    /** The scriptlet interpreter: rpmbuild adds it for every {@code -p} program and /bin/sh. */
    public static final int SENSE_INTERP = 1 << 8;
    public static final int SENSE_SCRIPT_PRE = InstallContext.PRE.senseBit();
    public static final int SENSE_SCRIPT_POST = InstallContext.POST.senseBit();
    public static final int SENSE_SCRIPT_PREUN = InstallContext.PREUN.senseBit();
    public static final int SENSE_SCRIPT_POSTUN = InstallContext.POSTUN.senseBit();
    public static final int SENSE_SCRIPT_VERIFY = 1 << 13;
    /** Found by a dependency generator of rpmbuild (deptype "auto"), e.g. a script's interpreter. */
    public static final int SENSE_FIND_REQUIRES = 1 << 14;
    public static final int SENSE_TRIGGERIN = TriggerKind.TRIGGERIN.senseBit();
    public static final int SENSE_TRIGGERUN = TriggerKind.TRIGGERUN.senseBit();
    public static final int SENSE_TRIGGERPOSTUN = TriggerKind.TRIGGERPOSTUN.senseBit();
    /** A feature of rpm itself ({@code rpmlib(...)}), checked against the installing rpm. */
    public static final int SENSE_RPMLIB = 1 << 24;
    public static final int SENSE_TRIGGERPREIN = 1 << 25;
    /** The config(NAME) dependency of a package with config files. */
    public static final int SENSE_CONFIG = 1 << 28;

    public static final int FILE_CONFIG = FileFlag.CONFIG.bit();
    public static final int FILE_DOC = FileFlag.DOC.bit();
    public static final int FILE_MISSINGOK = FileFlag.MISSINGOK.bit();
    public static final int FILE_NOREPLACE = FileFlag.NOREPLACE.bit();
    public static final int FILE_GHOST = FileFlag.GHOST.bit();
    public static final int FILE_LICENSE = FileFlag.LICENSE.bit();
    public static final int FILE_README = FileFlag.README.bit();

    public static boolean isGhost(int fileFlags) {
        return (fileFlags & FILE_GHOST) != 0;
    }

    private Flags() {
    }

    /** The comparison of a dependency, e.g. {@code >=}; empty when the flags compare nothing. */
    public static String operator(int senseFlags) {
        StringBuilder op = new StringBuilder();
        if ((senseFlags & SENSE_LESS) != 0) {
            op.append('<');
        }
        if ((senseFlags & SENSE_GREATER) != 0) {
            op.append('>');
        }
        if ((senseFlags & SENSE_EQUAL) != 0) {
            op.append('=');
        }
        return op.toString();
    }

    /**
     * When a requirement applies, in the words of a spec file's {@code Requires(...)}; rpm's
     * {@code deptype} format uses the same words. Empty for a plain requirement.
     */
    public static List<String> contexts(int senseFlags) {
        List<String> words = new ArrayList<>();
        addIf(words, senseFlags, SENSE_SCRIPT_PRE, "pre");
        addIf(words, senseFlags, SENSE_SCRIPT_POST, "post");
        addIf(words, senseFlags, SENSE_SCRIPT_PREUN, "preun");
        addIf(words, senseFlags, SENSE_SCRIPT_POSTUN, "postun");
        addIf(words, senseFlags, SENSE_SCRIPT_VERIFY, "verify");
        addIf(words, senseFlags, SENSE_PRETRANS, "pretrans");
        addIf(words, senseFlags, SENSE_POSTTRANS, "posttrans");
        addIf(words, senseFlags, SENSE_INTERP, "interp");
        addIf(words, senseFlags, SENSE_PREREQ, "prereq");
        return words;
    }

    /** The spec-file words of a file's flags, e.g. {@code config,noreplace}; empty for none. */
    public static List<String> fileAttributes(int fileFlags) {
        List<String> words = new ArrayList<>();
        if ((fileFlags & FILE_CONFIG) != 0) {
            words.add("config");
            addIf(words, fileFlags, FILE_NOREPLACE, "noreplace");
            addIf(words, fileFlags, FILE_MISSINGOK, "missingok");
        }
        addIf(words, fileFlags, FILE_GHOST, "ghost");
        addIf(words, fileFlags, FILE_DOC, "doc");
        addIf(words, fileFlags, FILE_LICENSE, "license");
        addIf(words, fileFlags, FILE_README, "readme");
        return words;
    }

    private static void addIf(List<String> words, int flags, int bit, String word) {
        if ((flags & bit) != 0) {
            words.add(word);
        }
    }
}

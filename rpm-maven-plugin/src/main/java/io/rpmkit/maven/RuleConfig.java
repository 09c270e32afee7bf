package io.rpmkit.maven;

import io.rpmkit.request.AttributeRuleRequest;

/**
 * One {@code <rule>} of the {@code rpm} goal's {@code <rules>}. See {@link AttributeRuleRequest} for
 * what each field means; Maven sets the fields by name.
 */
public class RuleConfig {
    /** An install path or glob, e.g. /usr/share/app/bin/* or /etc/app/**. */
    private String path;
    /** Octal permissions of the files it matches. */
    private String mode;
    /** Octal permissions of the directories it matches. */
    private String directoryMode;
    /** The owner of what it matches. */
    private String user;
    /** The owning group of what it matches. */
    private String group;
    /** Comma-separated: config, noreplace, missingok, doc, license, readme, or none; replaces the entry's flags. */
    private String flags;
    /** Comma-separated checks of rpm -V, or none. */
    private String verify;

    AttributeRuleRequest toRequest() {
        return new AttributeRuleRequest(path, mode, directoryMode, user, group, flags, verify);
    }
}

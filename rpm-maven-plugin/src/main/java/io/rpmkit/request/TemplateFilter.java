package io.rpmkit.request;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} with values the caller looks up (for Maven: the project's properties).
 * A name the lookup does not know stays as written, so that shell variables pass through.
 */
public final class TemplateFilter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final Function<String, String> lookup;

    public TemplateFilter(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    public String apply(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String value = lookup.apply(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        return matcher.appendTail(out).toString();
    }
}

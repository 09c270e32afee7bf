package io.rpmkit;

import java.util.List;

/**
 * The one checked exception of the library: a problem with the user's input (configuration, files,
 * keys, packages handed to the reader) or with writing the package. Its message names the step that
 * failed, the setting, the bad value and what is accepted.
 */
public class PackagingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PackagingException(String message) {
        this(message, (Throwable) null);
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found together, e.g. by validation; each is one line of the message. */
    public PackagingException(String step, List<String> problems) {
        super(step + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

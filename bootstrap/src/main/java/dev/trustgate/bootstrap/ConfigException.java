package dev.trustgate.bootstrap;

import java.util.List;

/** The configuration is unusable; each problem is one line naming the variable and what is wrong. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

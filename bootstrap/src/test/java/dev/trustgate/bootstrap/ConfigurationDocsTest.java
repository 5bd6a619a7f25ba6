package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every variable the code reads, and nothing it does not. */
class ConfigurationDocsTest {

    private static final Pattern VARIABLE = Pattern.compile("\"((?:TRUSTGATE|WHATSAPP|D360|INFOBIP|CAMARA)_[A-Z0-9_]+)\"");
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `((?:TRUSTGATE|WHATSAPP|D360|INFOBIP|CAMARA)_[A-Z0-9_]+)` \\|",
            Pattern.MULTILINE);

    @Test
    void everyVariableReadByTheCodeIsDocumented() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = VARIABLE.matcher(Files.readString(source));
                while (matcher.find()) {
                    read.add(matcher.group(1));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(Files.readString(Path.of("../docs/configuration.md")));
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }

        assertThat(read).isNotEmpty().containsAll(Config.VARIABLES.keySet());
        assertThat(documented).isEqualTo(read);
    }

    @Test
    void everyDefaultValueIsTheOneDocumented() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        Config.VARIABLES.forEach((name, variable) -> variable.defaultValue().ifPresent(value -> {
            Matcher row = Pattern.compile("^\\| `" + name + "` \\| ([^|]*) \\|", Pattern.MULTILINE).matcher(docs);
            assertThat(row.find()).as(name + " has a row").isTrue();
            assertThat(row.group(1)).as(name + "'s documented default").isEqualTo("`" + value + "`");
        }));
    }
}

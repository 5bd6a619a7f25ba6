package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's documents stand on their own: links stay inside the repository, and they speak of the product. */
class DocumentationTest {

    private static final Path ROOT = MarkdownScript.ROOT;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]*)?\\)");
    private static final Pattern WORK_ITEM = Pattern.compile("(?i)\\bissue\\s+#?[0-9]+");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyLinkOfTheDocsPointsToAFileInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.isEmpty() || target.matches("[a-z]+:.*")) {
                    continue;
                }
                Path resolved = document.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theDocsSpeakOfTheProductNotOfWorkItems() throws IOException {
        for (Path document : documents()) {
            assertThat(WORK_ITEM.matcher(Files.readString(document)).results().map(m -> m.group()).toList())
                    .as(ROOT.relativize(document).toString()).isEmpty();
        }
    }

    @Test
    void theDesignAndApiContractIsPartOfTheRepository() throws IOException {
        String design = Files.readString(ROOT.resolve("docs/design.md"));
        assertThat(design).contains("## 5. HTTP API").contains("ContactTrust").doesNotContain("../shared");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("(docs/design.md)");
    }

    @Test
    void theLicenseIsApache2AndThePomsSaySo() throws IOException {
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).startsWith("\n                                 Apache License")
                .contains("Version 2.0, January 2004");
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<name>Apache-2.0</name>")
                .contains("<url>https://www.apache.org/licenses/LICENSE-2.0</url>");
    }
}

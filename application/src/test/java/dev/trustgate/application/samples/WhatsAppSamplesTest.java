package dev.trustgate.application.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.fakes.WhatsAppSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The copies of WhatsApp's samples the tests use are the ones in the shared design folder. */
class WhatsAppSamplesTest {

    static Optional<Path> sharedSamples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("whatsapp");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void theCopiesAreIdenticalToTheSharedSamples() throws IOException {
        Optional<Path> shared = sharedSamples();
        Assumptions.assumeTrue(shared.isPresent(), "../shared/whatsapp is not beside this checkout");
        try (Stream<Path> files = Files.list(shared.get())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(WhatsAppSamples.NAMES);
        }
        for (String name : WhatsAppSamples.NAMES) {
            assertThat(WhatsAppSamples.text(name)).as(name)
                    .isEqualTo(Files.readString(shared.get().resolve(name), StandardCharsets.UTF_8));
        }
    }
}

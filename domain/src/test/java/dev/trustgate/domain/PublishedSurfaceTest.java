package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A product that embeds the domain reads what each of its types is where it uses it. */
class PublishedSurfaceTest {

    @Test
    void everyPublicTypeOfTheDomainSaysWhatItIs() {
        assertThat(PublishedSurface.undocumentedPublicTypes(Path.of("src/main/java"), "dev.trustgate.domain")).isEmpty();
    }
}

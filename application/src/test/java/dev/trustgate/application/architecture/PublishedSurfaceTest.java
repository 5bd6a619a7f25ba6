package dev.trustgate.application.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.domain.PublishedSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A product that embeds trustgate builds the use cases with {@code TrustgateServices}, calls them through their
 * input ports and implements the output ports: each of those types says what it is and what it promises.
 */
class PublishedSurfaceTest {

    @Test
    void everyPublicTypeAHostTouchesSaysWhatItIs() {
        assertThat(PublishedSurface.undocumentedPublicTypes(Path.of("src/main/java"), "dev.trustgate.application",
                "dev.trustgate.application.port.in", "dev.trustgate.application.port.out", "dev.trustgate.application.transaction",
                "dev.trustgate.application.service")).isEmpty();
    }
}

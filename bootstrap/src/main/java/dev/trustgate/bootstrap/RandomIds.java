package dev.trustgate.bootstrap;

import dev.trustgate.application.port.out.IdGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable ids: {@code prefix_} + 96 random bits in hex. */
final class RandomIds implements IdGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String newId(String prefix) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}

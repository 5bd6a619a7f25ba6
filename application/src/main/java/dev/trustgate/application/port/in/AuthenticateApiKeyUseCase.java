package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import java.util.Optional;

/** Who is calling: the caller an API key stands for, the key found by its SHA-256 (only that is stored). */
public interface AuthenticateApiKeyUseCase {

    /** The caller {@code presentedKey} stands for; empty for unknown, revoked and malformed keys. */
    Optional<Caller> authenticate(String presentedKey);
}

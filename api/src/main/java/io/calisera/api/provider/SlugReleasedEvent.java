package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SlugReleasedEvent(String slug, String providerId, String by, Instant at) {}

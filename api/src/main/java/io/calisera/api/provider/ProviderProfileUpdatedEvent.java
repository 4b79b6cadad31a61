package io.calisera.api.provider;

import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.serialization.Revision;

/** The whole profile after the change. */
@Revision("1")
public record ProviderProfileUpdatedEvent(
    String providerId,
    String displayName,
    String slug,
    ZoneId timeZone,
    String bio,
    String category,
    String city,
    String by,
    Instant at) {}

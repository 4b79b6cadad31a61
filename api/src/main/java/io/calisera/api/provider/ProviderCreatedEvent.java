package io.calisera.api.provider;

import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProviderCreatedEvent(
    String providerId,
    String ownerAccountId,
    String displayName,
    String slug,
    ZoneId timeZone,
    String bio,
    String category,
    String city,
    String by,
    Instant at) {}

package io.calisera.api.provider;

import java.time.ZoneId;

public record ProviderSummary(
    String providerId,
    String slug,
    String displayName,
    String category,
    String city,
    ZoneId timeZone) {}

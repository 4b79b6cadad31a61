package io.calisera.api.provider;

import java.time.ZoneId;
import java.util.List;

/** A provider's page: profile, owner and every service (active or not). */
public record ProviderView(
    String providerId,
    String slug,
    String displayName,
    String bio,
    String category,
    String city,
    ZoneId timeZone,
    String ownerAccountId,
    List<ServiceView> services) {}

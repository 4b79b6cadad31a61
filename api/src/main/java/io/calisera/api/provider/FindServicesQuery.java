package io.calisera.api.provider;

/** A provider's services; answered with {@link ServiceList} (empty for an unknown provider). */
public record FindServicesQuery(String providerId, boolean activeOnly) {}

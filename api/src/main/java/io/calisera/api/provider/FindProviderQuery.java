package io.calisera.api.provider;

/** A provider by id or by slug; answered with an {@code Optional<ProviderView>}. */
public record FindProviderQuery(String providerIdOrSlug) {}

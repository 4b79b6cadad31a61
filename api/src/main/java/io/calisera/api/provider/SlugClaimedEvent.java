package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A slug now belongs to a provider; no other provider can claim it until it is released. */
@Revision("1")
public record SlugClaimedEvent(String slug, String providerId, String by, Instant at) {}

package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ServiceDeactivatedEvent(String providerId, String serviceId, String by, Instant at) {}

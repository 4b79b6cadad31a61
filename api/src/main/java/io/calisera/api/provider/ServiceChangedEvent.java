package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The service's whole definition after the change. */
@Revision("1")
public record ServiceChangedEvent(
    String providerId, String serviceId, ServiceDefinition definition, String by, Instant at) {}

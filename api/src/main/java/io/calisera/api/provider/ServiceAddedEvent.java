package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ServiceAddedEvent(
    String providerId, String serviceId, ServiceDefinition definition, String by, Instant at) {}

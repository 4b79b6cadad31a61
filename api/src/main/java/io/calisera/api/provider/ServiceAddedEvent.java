package io.calisera.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2: the definition has {@code reminderMinutes}; in revision 1 it is absent and reads as
 * the default ({@link ServiceDefinition#DEFAULT_REMINDER_MINUTES}).
 */
@Revision("2")
public record ServiceAddedEvent(
    String providerId, String serviceId, ServiceDefinition definition, String by, Instant at) {}

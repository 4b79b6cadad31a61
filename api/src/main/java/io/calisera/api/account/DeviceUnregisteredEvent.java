package io.calisera.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account no longer receives push messages on this device. */
@Revision("1")
public record DeviceUnregisteredEvent(String accountId, String token, String by, Instant at) {}

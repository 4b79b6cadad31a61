package io.calisera.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The account receives push messages on this device. The token is an address, not a credential:
 * pushing to it takes the platform's own credentials, which only the push gateway holds.
 */
@Revision("1")
public record DeviceRegisteredEvent(
    String accountId, DevicePlatform platform, String token, String by, Instant at) {}

package io.calisera.api.account;

import io.calisera.api.common.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountRegisteredEvent(
    String accountId, String email, String name, Set<Role> roles, String by, Instant at) {}

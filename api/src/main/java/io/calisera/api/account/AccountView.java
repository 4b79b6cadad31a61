package io.calisera.api.account;

import io.calisera.api.common.Role;
import java.util.Set;

public record AccountView(String accountId, String email, String name, Set<Role> roles) {}

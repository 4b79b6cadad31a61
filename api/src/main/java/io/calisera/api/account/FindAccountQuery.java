package io.calisera.api.account;

/** Answered with an {@code Optional<AccountView>}. */
public record FindAccountQuery(String accountId) {}

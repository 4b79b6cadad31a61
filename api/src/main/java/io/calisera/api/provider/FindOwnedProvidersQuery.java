package io.calisera.api.provider;

import io.calisera.api.common.Require;

/**
 * The providers an account owns (it created them), sorted by name; answered with a {@link
 * ProviderPage} of at most {@link #MAX} of them (page 0).
 */
public record FindOwnedProvidersQuery(String ownerAccountId) {

  /** More than any one person runs; the answer says the total when there are more. */
  public static final int MAX = 100;

  public FindOwnedProvidersQuery {
    Require.text(ownerAccountId, "ownerAccountId", 200);
  }
}

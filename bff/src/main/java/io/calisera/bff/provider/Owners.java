package io.calisera.bff.provider;

import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.ProviderView;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import org.springframework.stereotype.Component;

/**
 * Who owns a provider, for {@code @PreAuthorize("@owners.owns(#providerId, principal)")} (see
 * {@link OwnerOnly}): the account that created it, as the provider read model knows it. A provider
 * that does not exist is 404 for every authenticated caller, not 403.
 */
@Component("owners")
public class Owners {

  private final QuerySender queries;

  public Owners(QuerySender queries) {
    this.queries = queries;
  }

  public boolean owns(String providerId, Object principal) {
    if (!(principal instanceof Caller caller)) {
      return false;
    }
    return provider(providerId).ownerAccountId().equals(caller.accountId());
  }

  /** The provider by id or slug; 404 when there is none. */
  public ProviderView provider(String providerIdOrSlug) {
    return queries
        .findOptional(new FindProviderQuery(providerIdOrSlug), ProviderView.class)
        .orElseThrow(() -> ApiProblem.notFound("There is no provider " + providerIdOrSlug));
  }
}

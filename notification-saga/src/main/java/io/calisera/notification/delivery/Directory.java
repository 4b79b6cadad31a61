package io.calisera.notification.delivery;

import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.booking.FindManageLinkQuery;
import io.calisera.api.booking.ManageLink;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.ProviderView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * What messages need to know beyond their notice, asked through the hub when a message is sent: the
 * provider (name, zone, services, owner) and the owner's account from the read models, and the
 * customer's manage link from whoever issues it (the bff, which keeps the link's secret).
 */
@Component
class Directory {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private final QueryGateway queries;

  Directory(QueryGateway queries) {
    this.queries = queries;
  }

  Optional<ProviderView> provider(String providerId) throws DeliveryFailure {
    return ask(new FindProviderQuery(providerId), ProviderView.class, "the provider");
  }

  Optional<AccountView> account(String accountId) throws DeliveryFailure {
    return ask(new FindAccountQuery(accountId), AccountView.class, "the owner's account");
  }

  Optional<String> manageUrl(String bookingId) throws DeliveryFailure {
    return ask(new FindManageLinkQuery(bookingId), ManageLink.class, "the manage link")
        .map(ManageLink::url);
  }

  /** A single answer, absent when the answering side has none; unreachable is a failure. */
  private <R> Optional<R> ask(Object query, Class<R> type, String what) throws DeliveryFailure {
    try {
      return queries
          .query(query, ResponseTypes.optionalInstanceOf(type))
          .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryFailure.transientFailure("interrupted while asking for " + what, e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw DeliveryFailure.transientFailure(
          "could not ask for " + what + ": " + cause.getMessage(), cause);
    }
  }
}

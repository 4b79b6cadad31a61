package io.calisera.query.account;

import io.calisera.api.account.AccountRegisteredEvent;
import io.calisera.api.account.AccountView;
import io.calisera.api.account.FindAccountQuery;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.query.common.Positions;
import io.calisera.query.config.ProcessingGroups;
import java.util.HashSet;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Accounts by id, for {@link FindAccountQuery}. */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNTS)
public class AccountProjection {

  private final MongoTemplate mongo;

  public AccountProjection(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventHandler
  void on(AccountRegisteredEvent event, TrackingToken token) {
    long position = Positions.of(token);
    AccountDocument current = mongo.findById(event.accountId(), AccountDocument.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    mongo.save(
        new AccountDocument(
            event.accountId(), event.email(), event.name(), event.roles(), position));
  }

  @EventHandler
  void on(RolesGrantedEvent event, TrackingToken token) {
    long position = Positions.of(token);
    AccountDocument current = mongo.findById(event.accountId(), AccountDocument.class);
    if (current == null || !Positions.isNew(position, current.position())) {
      return;
    }
    var roles = new HashSet<>(current.roles());
    roles.addAll(event.roles());
    mongo.save(
        new AccountDocument(current.accountId(), current.email(), current.name(), roles, position));
  }

  @ResetHandler
  void reset() {
    mongo.remove(new Query(), AccountDocument.class);
  }

  /**
   * Answers {@code Optional<AccountView>} to a sender asking with {@code optionalInstanceOf}: the
   * nullable value travels, not an {@code Optional}, which the message serializer cannot write (and
   * which Axon unwraps for plain queries but not for the initial result of a subscription query).
   */
  @QueryHandler
  public AccountView find(FindAccountQuery query) {
    return Optional.ofNullable(mongo.findById(query.accountId(), AccountDocument.class))
        .map(AccountDocument::view)
        .orElse(null);
  }
}

package io.calisera.notification.device;

import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.DeviceBook;
import io.calisera.service.readmodel.JdbcStoredTokens;
import io.calisera.service.readmodel.ReadModelPositionQueries;
import io.calisera.service.readmodel.ReadModels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The devices each account has registered, as the devices projection keeps them, as of a position
 * of the event stream: the projection and the notification saga are two processors, and either may
 * be ahead, so a notice about a booking change waits (briefly) until the projection has applied
 * every event up to that change. Its position is read as the query side's read models' are ({@link
 * ReadModelPositionQueries}): in memory for the segments this instance processes, from the stored
 * tokens for those another instance does.
 */
@Component
class JdbcDeviceBook implements DeviceBook {

  /** How long one look-up waits for the projection before the notice is tried again later. */
  static final Duration PATIENCE = Duration.ofSeconds(2);

  private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

  private final JdbcClient jdbc;
  private final ObjectProvider<Configuration> axon;
  private final JdbcStoredTokens storedTokens;
  private volatile ReadModelPositionQueries positions;

  JdbcDeviceBook(
      JdbcClient jdbc,
      DataSource dataSource,
      ObjectProvider<Configuration> axon,
      @Qualifier("serializer") Serializer serializer) {
    this.jdbc = jdbc;
    this.axon = axon;
    // the token store's schema is Axon's default (AxonConfiguration)
    this.storedTokens = new JdbcStoredTokens(dataSource, serializer, TokenSchema.builder().build());
  }

  @Override
  public List<Device> of(String accountId, Long asOf) throws DeliveryFailure {
    if (asOf != null) {
      awaitProjection(asOf);
    }
    return jdbc.sql("select platform, token from device where account_id = :account order by token")
        .param("account", accountId)
        .query((rs, row) -> new Device(rs.getString("platform"), rs.getString("token")))
        .list();
  }

  private void awaitProjection(long asOf) throws DeliveryFailure {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    long reached;
    while ((reached = position()) < asOf) {
      if (System.nanoTime() - deadline > 0) {
        throw DeliveryFailure.transientFailure(
            "the devices are known up to event " + reached + ", not yet up to " + asOf, null);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private long position() {
    ReadModelPositionQueries queries = positions;
    if (queries == null) {
      queries =
          new ReadModelPositionQueries(
              axon.getObject(),
              new ReadModels(List.of(DeviceProjection.PROCESSING_GROUP), storedTokens));
      positions = queries;
    }
    return queries.current().lowest();
  }
}

package io.calisera.notification.device;

import io.calisera.api.account.DeviceRegisteredEvent;
import io.calisera.api.account.DeviceUnregisteredEvent;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The push devices of every account (table {@code device}), from the whole history: unlike the
 * notification saga, this processor starts at the beginning, so devices registered before the
 * service's first start are known. A token belongs to the account that registered it last. Both
 * handlers are idempotent and applied in event order, with the token in the same transaction.
 */
@Component
@ProcessingGroup(DeviceProjection.PROCESSING_GROUP)
public class DeviceProjection {

  public static final String PROCESSING_GROUP = "devices";

  private final JdbcClient jdbc;

  DeviceProjection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(DeviceRegisteredEvent event) {
    jdbc.sql(
            """
            insert into device (token, account_id, platform, registered_at)
            values (:token, :account, :platform, :at)
            on conflict (token) do update set account_id = excluded.account_id,
              platform = excluded.platform, registered_at = excluded.registered_at
            """)
        .param("token", event.token())
        .param("account", event.accountId())
        .param("platform", event.platform().name())
        .param("at", Timestamp.from(event.at()))
        .update();
  }

  @EventHandler
  void on(DeviceUnregisteredEvent event) {
    jdbc.sql("delete from device where token = :token and account_id = :account")
        .param("token", event.token())
        .param("account", event.accountId())
        .update();
  }
}

package io.calisera.notification.device;

import io.calisera.notification.delivery.DeviceBook;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The devices each account has registered, as the devices projection keeps them. */
@Component
class JdbcDeviceBook implements DeviceBook {

  private final JdbcClient jdbc;

  JdbcDeviceBook(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Device> of(String accountId) {
    return jdbc.sql("select platform, token from device where account_id = :account order by token")
        .param("account", accountId)
        .query((rs, row) -> new Device(rs.getString("platform"), rs.getString("token")))
        .list();
  }
}

package io.calisera.notification.gateway;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.Courier;
import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.Letter;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel whose messages go to an {@link HttpGateway}, one JSON body each, carrying the
 * delivery's key as {@code reference}. Without a gateway ({@code null}), nothing is sent and the
 * messages are recorded {@code SKIPPED}.
 */
public abstract class GatewayCourier implements Courier {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final NotificationChannel channel;
  private final HttpGateway gateway;

  protected GatewayCourier(NotificationChannel channel, HttpGateway gateway) {
    this.channel = channel;
    this.gateway = gateway;
  }

  @Override
  public final NotificationChannel channel() {
    return channel;
  }

  @Override
  public final boolean configured() {
    return gateway != null;
  }

  @Override
  public final void send(Letter letter) throws DeliveryFailure {
    if (gateway == null) {
      throw DeliveryFailure.permanentFailure("no " + channel + " gateway is configured");
    }
    Map<String, Object> body = body(letter);
    body.put("reference", letter.key());
    gateway.post(JSON.writeValueAsString(body), letter.key());
  }

  /** The gateway's fields for this letter, in order, to which {@code reference} is added. */
  protected abstract Map<String, Object> body(Letter letter) throws DeliveryFailure;
}

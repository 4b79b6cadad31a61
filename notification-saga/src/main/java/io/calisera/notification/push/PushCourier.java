package io.calisera.notification.push;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.Courier;
import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.gateway.HttpGateway;
import io.calisera.notification.text.Wording;
import io.calisera.notification.text.Wording.Words;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push through an HTTP gateway ({@link HttpGateway}) that speaks to FCM, APNs and Web Push: {@code
 * {"platform", "token", "title", "body", "data": {"bookingId", "kind"}, "reference"}}. Without a
 * gateway ({@code null}), nothing is sent and the messages are recorded {@code SKIPPED}.
 */
public final class PushCourier implements Courier {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpGateway gateway;

  public PushCourier(HttpGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public NotificationChannel channel() {
    return NotificationChannel.PUSH;
  }

  @Override
  public boolean configured() {
    return gateway != null;
  }

  @Override
  public void send(Letter letter) throws DeliveryFailure {
    if (gateway == null) {
      throw DeliveryFailure.permanentFailure("no push gateway is configured");
    }
    Words words = Wording.of(letter);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("platform", letter.platform());
    body.put("token", letter.address());
    body.put("title", words.subject());
    body.put("body", words.line());
    body.put(
        "data",
        Map.of(
            "bookingId", letter.notice().booking().bookingId(),
            "kind", letter.notice().kind().name()));
    body.put("reference", letter.key());
    gateway.post(JSON.writeValueAsString(body), letter.key());
  }
}

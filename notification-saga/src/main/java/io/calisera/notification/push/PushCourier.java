package io.calisera.notification.push;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.gateway.GatewayCourier;
import io.calisera.notification.gateway.HttpGateway;
import io.calisera.notification.text.Wording;
import io.calisera.notification.text.Wording.Words;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Push through an HTTP gateway that speaks to FCM, APNs and Web Push: {@code {"platform", "token",
 * "title", "body", "data": {"bookingId", "kind"}, "reference"}}.
 */
public final class PushCourier extends GatewayCourier {

  public PushCourier(HttpGateway gateway) {
    super(NotificationChannel.PUSH, gateway);
  }

  @Override
  protected Map<String, Object> body(Letter letter) {
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
    return body;
  }
}

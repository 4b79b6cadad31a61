package io.calisera.notification.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.Courier;
import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.gateway.HttpGateway;
import io.calisera.notification.text.Wording;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP gateway ({@link HttpGateway}): {@code {"to": "<E.164>", "text": "...",
 * "reference": "<delivery key>"}}. A number libphonenumber does not take for a valid E.164 number
 * is refused for good. Without a gateway ({@code null}), nothing is sent and the messages are
 * recorded {@code SKIPPED}.
 */
public final class SmsCourier implements Courier {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpGateway gateway;

  public SmsCourier(HttpGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public NotificationChannel channel() {
    return NotificationChannel.SMS;
  }

  @Override
  public boolean configured() {
    return gateway != null;
  }

  @Override
  public void send(Letter letter) throws DeliveryFailure {
    if (gateway == null) {
      throw DeliveryFailure.permanentFailure("no SMS gateway is configured");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", e164(letter.address()));
    body.put("text", Wording.of(letter).line());
    body.put("reference", letter.key());
    gateway.post(JSON.writeValueAsString(body), letter.key());
  }

  /** The number in E.164, checked by libphonenumber. */
  static String e164(String number) throws DeliveryFailure {
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    try {
      PhoneNumber parsed = phones.parse(number, null);
      if (!phones.isValidNumber(parsed)) {
        throw DeliveryFailure.permanentFailure(number + " is not a valid phone number");
      }
      return phones.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw DeliveryFailure.permanentFailure(number + " is not a phone number: " + e.getMessage());
    }
  }
}

package io.calisera.notification.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.gateway.GatewayCourier;
import io.calisera.notification.gateway.HttpGateway;
import io.calisera.notification.text.Wording;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS through an HTTP gateway: {@code {"to": "<E.164>", "text": "...", "reference": "<delivery
 * key>"}}. A number libphonenumber does not take for a valid E.164 number is refused for good.
 */
public final class SmsCourier extends GatewayCourier {

  public SmsCourier(HttpGateway gateway) {
    super(NotificationChannel.SMS, gateway);
  }

  @Override
  protected Map<String, Object> body(Letter letter) throws DeliveryFailure {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", e164(letter.address()));
    body.put("text", Wording.of(letter).line());
    return body;
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

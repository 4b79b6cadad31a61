package io.calisera.api.booking;

import io.calisera.api.common.Require;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The person a booking is for, as far as messages to them need.
 *
 * @param phone E.164 ({@code +491701234567}), may be absent
 * @param timeZone the customer's zone for messages; {@code null} means the provider's
 */
public record Customer(String name, String email, String phone, ZoneId timeZone) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public Customer {
    Require.text(name, "customer.name", 200);
    Require.text(email, "customer.email", 254);
    if (!EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("customer.email is not an email address");
    }
    if (phone != null && !E164.matcher(phone).matches()) {
      throw new IllegalArgumentException(
          "customer.phone must be in E.164 form, e.g. +491701234567");
    }
  }

  /** This customer, in {@code zone} unless they named a zone of their own. */
  public Customer withDefaultZone(ZoneId zone) {
    return timeZone != null ? this : new Customer(name, email, phone, zone);
  }
}

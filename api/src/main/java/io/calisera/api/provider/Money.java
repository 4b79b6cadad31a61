package io.calisera.api.provider;

import io.calisera.api.common.Require;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An informational price; payments stay outside the platform. The amount travels as text ({@code
 * "45.00"}), which keeps its scale exactly.
 */
public record Money(BigDecimal amount, String currency) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public Money {
    Require.notNull(amount, "price.amount");
    Require.notNull(currency, "price.currency");
    if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 9) {
      throw new IllegalArgumentException(
          "price.amount must be between 0 and 999999999.99 with at most 2 decimals, was " + amount);
    }
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "price.currency must be an ISO 4217 code like EUR, was " + currency);
    }
  }
}

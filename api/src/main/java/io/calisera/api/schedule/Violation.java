package io.calisera.api.schedule;

import io.calisera.api.common.Require;

/**
 * One broken rule of a value: {@code field} is the request field it comes from (as named in the
 * public contract, e.g. {@code weekly}, {@code durationMinutes}) and {@code message} says what is
 * wrong, naming the day or value.
 */
public record Violation(String field, String message) {

  public Violation {
    Require.notNull(field, "field");
    Require.notNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}

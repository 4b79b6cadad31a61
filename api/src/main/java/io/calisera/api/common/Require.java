package io.calisera.api.common;

import java.time.LocalTime;
import java.util.List;

/** Argument checks that name the offending field, so a caller can turn them into a 400. */
public final class Require {

  private Require() {}

  public static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  public static <T> List<T> noNullElements(List<T> values, String field) {
    notNull(values, field);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(values);
  }

  public static LocalTime wholeMinutes(LocalTime time, String field) {
    notNull(time, field);
    if (time.getSecond() != 0 || time.getNano() != 0) {
      throw new IllegalArgumentException(field + " must be a whole minute, was " + time);
    }
    return time;
  }

  /** A non-blank text, at most {@code maxLength} characters. */
  public static String text(String value, String field, int maxLength) {
    notNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(field + " must have at most " + maxLength + " characters");
    }
    return value;
  }

  /** Like {@link #text} but may be absent ({@code null}). */
  public static String optionalText(String value, String field, int maxLength) {
    return value == null ? null : text(value, field, maxLength);
  }
}

package io.calisera.api.schedule;

import java.time.LocalTime;
import java.util.List;

/** Argument checks that name the offending field, so a caller can turn them into a 400. */
final class Require {

  private Require() {}

  static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  static <T> List<T> noNullElements(List<T> values, String field) {
    notNull(values, field);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(values);
  }

  static LocalTime wholeMinutes(LocalTime time, String field) {
    notNull(time, field);
    if (time.getSecond() != 0 || time.getNano() != 0) {
      throw new IllegalArgumentException(field + " must be a whole minute, was " + time);
    }
    return time;
  }
}

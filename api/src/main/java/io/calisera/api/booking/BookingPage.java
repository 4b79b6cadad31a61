package io.calisera.api.booking;

import java.time.Instant;
import java.util.List;

public record BookingPage(List<BookingView> items, int page, int size, long total) {

  public static final int MAX_PAGE_SIZE = 100;

  static void validate(Instant from, Instant to, int page, int size) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
  }
}

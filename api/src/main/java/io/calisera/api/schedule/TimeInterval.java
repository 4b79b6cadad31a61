package io.calisera.api.schedule;

import io.calisera.api.common.Require;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A wall-clock interval on some local date D of the provider's zone, in whole minutes.
 *
 * <p>When {@code end} is after {@code start} the interval lies within D. When {@code end} is not
 * after {@code start} it runs over midnight into D+1 and still belongs to D: {@code 22:00-02:00}
 * ends at 02:00 on D+1, {@code 09:00-00:00} ends at the next midnight (the wire's {@code 24:00},
 * see {@link #parseWallClock}), and {@code 00:00-00:00} is the whole of D.
 */
public record TimeInterval(LocalTime start, LocalTime end) {

  static final int MINUTES_PER_DAY = 24 * 60;

  public TimeInterval {
    Require.wholeMinutes(start, "start");
    Require.wholeMinutes(end, "end");
  }

  /** An interval from wire texts such as {@code "09:00"}; {@code end} may be {@code "24:00"}. */
  public static TimeInterval of(String start, String end) {
    return new TimeInterval(parseWallClock(start, "start"), parseWallClock(end, "end"));
  }

  /**
   * Reads a wire time ({@code HH:mm}). {@code 24:00} is read as {@code 00:00}, which as an
   * interval's end means the next midnight; as a start it is simply midnight.
   */
  public static LocalTime parseWallClock(String text, String field) {
    Require.notNull(text, field);
    if (text.equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a time HH:mm, was \"" + text + "\"", e);
    }
  }

  /** Whether the interval runs over midnight into the next local date. */
  public boolean runsOvernight() {
    return !end.isAfter(start);
  }

  /** Minutes from D's midnight to the start. */
  int startMinute() {
    return start.toSecondOfDay() / 60;
  }

  /** Minutes from D's midnight to the end; beyond {@value #MINUTES_PER_DAY} when overnight. */
  int endMinute() {
    int end = this.end.toSecondOfDay() / 60;
    return runsOvernight() ? end + MINUTES_PER_DAY : end;
  }

  boolean overlaps(TimeInterval other) {
    return startMinute() < other.endMinute() && other.startMinute() < endMinute();
  }

  /** The wire form, with an end at midnight written {@code 24:00}. */
  @Override
  public String toString() {
    String endText = end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString();
    return start + "-" + endText;
  }
}

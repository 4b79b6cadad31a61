package io.calisera.bff.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Times and zones as the contract writes them on the wire: instants as ISO-8601 with the offset of
 * a zone at that instant ({@code 2026-03-29T09:00:00+02:00}), zones as IANA ids. Parsing failures
 * become 400 problems that name the field.
 */
public final class WireFormats {

  private static final Set<String> IANA_ZONES = ZoneId.getAvailableZoneIds();

  private WireFormats() {}

  /**
   * The instant with the offset {@code zone} has at that instant, seconds always written, a
   * fraction only when there is one, {@code Z} for offset zero.
   */
  public static String instant(Instant instant, ZoneId zone) {
    if (instant == null) {
      return null;
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
  }

  /**
   * An instant written with an offset ({@code 2026-03-29T09:00:00+02:00} or {@code ...Z}); a local
   * date-time without offset is refused, it names no instant.
   */
  public static Instant parseInstant(String text, String field) {
    if (text == null || text.isBlank()) {
      throw ApiProblem.invalid(field, "is required");
    }
    OffsetDateTime parsed;
    try {
      parsed = OffsetDateTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(
          field, "must be an instant with an offset, e.g. 2026-03-29T09:00:00+02:00");
    }
    requireCalendarDate(parsed.toLocalDate(), field);
    return parsed.toInstant();
  }

  /** An IANA time zone id such as {@code Europe/Berlin}. */
  public static ZoneId parseZone(String text, String field) {
    if (text == null || !IANA_ZONES.contains(text)) {
      throw ApiProblem.invalid(field, "must be an IANA time zone id such as Europe/Berlin");
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ApiProblem.invalid(field, "must be an IANA time zone id such as Europe/Berlin");
    }
  }

  /** Dates the platform reasons about: years 1900 to 9999 (beyond them time arithmetic fails). */
  public static LocalDate requireCalendarDate(LocalDate date, String field) {
    if (date != null && (date.getYear() < 1900 || date.getYear() > 9999)) {
      throw ApiProblem.invalid(field, "must be a date between 1900-01-01 and 9999-12-31");
    }
    return date;
  }

  /** Like {@link #parseZone} but {@code null} when absent. */
  public static ZoneId parseOptionalZone(String text, String field) {
    return text == null ? null : parseZone(text, field);
  }
}

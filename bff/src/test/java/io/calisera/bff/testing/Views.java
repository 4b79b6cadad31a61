package io.calisera.bff.testing;

import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.BookingView.HistoryEntry;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.InsightFigures.DayFigures;
import io.calisera.api.insights.InsightFigures.HourFigures;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.schedule.SlotSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the platform answers in the bff's tests ({@link StubPlatform}), with fixed values: a salon
 * in Berlin, an hour's service, a booking on Tuesday 2026-06-02 09:00 in Berlin.
 */
public final class Views {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Tuesday 2026-06-02 09:00 in Berlin, the day after {@link BffTestConfiguration#START}. */
  public static final Instant TUESDAY_NINE = Instant.parse("2026-06-02T07:00:00Z");

  private Views() {}

  /** A provider in Berlin owned by {@code ownerAccountId}, with its slug derived from its id. */
  public static ProviderView aSalonInBerlin(
      String providerId, String ownerAccountId, ServiceView... services) {
    return new ProviderView(
        providerId,
        "salon-" + providerId,
        "Salon",
        "Cuts and colours",
        "Hair",
        "Berlin",
        BERLIN,
        ownerAccountId,
        List.of(services));
  }

  /** An active service of an hour, the contract's defaults otherwise. */
  public static ServiceView anHourCut(String serviceId) {
    return new ServiceView(
        serviceId,
        new ServiceDefinition("Cut", SlotSettings.withDefaults(60), null, 0, false, null),
        true);
  }

  /** A confirmed booking on Tuesday 09:00 to 10:00 in Berlin, placed by its customer's account. */
  public static BookingView aBookingOnTuesdayAtNine(
      String bookingId, String providerId, String customerAccountId) {
    return new BookingView(
        bookingId,
        BookingStatus.CONFIRMED,
        providerId,
        "s-cut",
        TUESDAY_NINE,
        TUESDAY_NINE.plus(Duration.ofHours(1)),
        new Customer("Cara", "cara@example.com", null, BERLIN),
        customerAccountId,
        null,
        BffTestConfiguration.START,
        List.of(new HistoryEntry(BffTestConfiguration.START, "PLACED", customerAccountId)));
  }

  /** The same booking in another status, with one more entry in its history. */
  public static BookingView changed(
      BookingView booking, BookingStatus status, String type, String by) {
    var history = new ArrayList<>(booking.history());
    history.add(new HistoryEntry(BffTestConfiguration.START, type, by));
    return new BookingView(
        booking.bookingId(),
        status,
        booking.providerId(),
        booking.serviceId(),
        booking.start(),
        booking.end(),
        booking.customer(),
        booking.customerAccountId(),
        booking.notes(),
        booking.createdAt(),
        List.copyOf(history));
  }

  /**
   * The receipt of a booking placed as asked: confirmed, an hour from its start, in its customer's
   * zone or else Berlin's.
   */
  public static BookingReceipt placedAsAsked(PlaceBookingCommand command) {
    return new BookingReceipt(
        command.bookingId(),
        command.providerId(),
        command.serviceId(),
        BookingStatus.CONFIRMED,
        command.start(),
        command.start().plus(Duration.ofHours(1)),
        command.customer().timeZone() == null ? BERLIN : command.customer().timeZone(),
        false);
  }

  /** The receipt again, as the command side answers a request it recognises as a repeat. */
  public static BookingReceipt repeated(BookingReceipt first) {
    return new BookingReceipt(
        first.bookingId(),
        first.providerId(),
        first.serviceId(),
        first.status(),
        first.start(),
        first.end(),
        first.customerTimeZone(),
        true);
  }

  /** What the analytics answer for a provider in Berlin without bookings: every figure 0. */
  public static ProviderInsights noBookings(FindProviderInsightsQuery query) {
    return new ProviderInsights(
        query.providerId(), BERLIN, nothingIn(query), nothingIn(query.previous()));
  }

  private static InsightFigures nothingIn(FindProviderInsightsQuery range) {
    List<DayFigures> days =
        range
            .from()
            .datesUntil(range.to().plusDays(1))
            .map(d -> new DayFigures(d, 0, 0, 0, 0))
            .toList();
    List<HourFigures> hours = IntStream.range(0, 24).mapToObj(h -> new HourFigures(h, 0)).toList();
    return new InsightFigures(
        range.from(), range.to(), 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), days, hours);
  }
}

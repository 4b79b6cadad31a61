package io.calisera.system;

import static io.calisera.testing.ApiClient.hours;
import static io.calisera.testing.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.calisera.testing.ApiClient;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read-your-writes under other people's writes (docs/api.md): a customer books and at once lists
 * that day's slots, again and again, while 32 others book as fast as they are answered. The bff
 * waits for the read models to apply the events of each change before it answers, so the customer
 * is never offered the slot it has just booked, however busy the platform is with everybody else's
 * bookings.
 */
@Order(6)
@ExtendWith(SharedPlatform.class)
class ReadYourWritesIT {

  private static final int OTHERS = 32;
  private static final int ROUNDS = 40;

  /** The services run on the machine's clock, so the test books from tomorrow on by it. */
  private static final Clock MACHINE = Clock.systemUTC();

  @Test
  void aCustomerIsNeverOfferedTheSlotItHasJustBookedWhileThirtyTwoOthersBook(
      SharedPlatform.Running shared) throws Exception {
    ApiClient api = ApiClient.onPort(shared.platform().process("bff-1").httpPort());
    String owner = api.devLogin("read-your-writes-owner@example.com", "Owner");
    List<String> allDay =
        Stream.of(DayOfWeek.values()).map(day -> hours(day, "00:00", "24:00")).toList();
    String fiveMinutes = "{\"name\":\"Five minutes\",\"durationMinutes\":5}";
    ApiClient.Offer mine = api.offer(owner, "Studio Mine", "UTC", fiveMinutes, allDay);
    String me = api.devLogin("me@example.com", "Me");
    List<ApiClient.Offer> offers = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int other = 0; other < OTHERS; other++) {
      offers.add(api.offer(owner, "Studio " + other, "UTC", fiveMinutes, allDay));
      others.add(api.devLogin("other-" + other + "@example.com", "Other " + other));
    }
    Instant firstSlot = LocalDate.now(MACHINE).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    var stop = new AtomicBoolean();
    var othersByStatus = new ConcurrentHashMap<Integer, AtomicInteger>();
    ExecutorService load = Executors.newFixedThreadPool(OTHERS);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < OTHERS; c++) {
      int other = c;
      clients.add(
          load.submit(
              () -> {
                ApiClient.Offer offer = offers.get(other);
                for (int slot = 0; !stop.get(); slot++) {
                  String start = firstSlot.plus(Duration.ofMinutes(5L * slot)).toString();
                  int status =
                      api.post(
                              "/bookings",
                              others.get(other),
                              ApiClient.booking(
                                  offer.providerId(), offer.serviceId(), start, "o" + other))
                          .status();
                  othersByStatus
                      .computeIfAbsent(status, s -> new AtomicInteger())
                      .incrementAndGet();
                }
                return null;
              }));
    }

    List<String> offeredBack = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Instant start = firstSlot.plus(Duration.ofMinutes(5L * round));
        ok(
            201,
            api.post(
                "/bookings",
                me,
                ApiClient.booking(mine.providerId(), mine.serviceId(), start.toString(), "me")));
        List<Instant> offered = slotsOn(api, mine, start);
        if (offered.contains(start)) {
          offeredBack.add(start.toString());
        }
        assertThat(offered)
            .as("the next free slot after the one just booked is offered")
            .contains(start.plus(Duration.ofMinutes(5)));
      }
    } finally {
      stop.set(true);
      for (Future<?> client : clients) {
        client.get(2, TimeUnit.MINUTES);
      }
      load.shutdown();
    }

    Map<Integer, Integer> byStatus = new TreeMap<>();
    othersByStatus.forEach((status, count) -> byStatus.put(status, count.get()));
    System.out.println("ReadYourWritesIT: the others' answers by status " + byStatus);
    assertThat(offeredBack).as("own bookings offered back").isEmpty();
    assertThat(byStatus).as("the others' answers").containsOnlyKeys(201);
    assertThat(byStatus.get(201))
        .as("the others booked while the customer checked")
        .isGreaterThanOrEqualTo(OTHERS);
  }

  /** The starts of the slots offered on the UTC date of {@code day}. */
  private static List<Instant> slotsOn(ApiClient api, ApiClient.Offer offer, Instant day) {
    LocalDate date = day.atOffset(ZoneOffset.UTC).toLocalDate();
    ApiClient.Answer response =
        api.get(
            "/providers/"
                + offer.providerId()
                + "/services/"
                + offer.serviceId()
                + "/slots?from="
                + date
                + "&to="
                + date
                + "&timeZone=UTC",
            null);
    JsonNode slots = ok(200, response).get("slots");
    return StreamSupport.stream(slots.spliterator(), false)
        .map(slot -> OffsetDateTime.parse(slot.get("start").asText()).toInstant())
        .toList();
  }
}

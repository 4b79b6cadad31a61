package io.calisera.command.booking;

import static io.calisera.command.provider.Calendars.BERLIN;
import static io.calisera.command.provider.Calendars.BO;
import static io.calisera.command.provider.Calendars.CUSTOMER;
import static io.calisera.command.provider.Calendars.HAIRCUT;
import static io.calisera.command.provider.Calendars.NOW;
import static io.calisera.command.provider.Calendars.OWNER;
import static io.calisera.command.provider.Calendars.PROVIDER;
import static io.calisera.command.provider.Calendars.aHaircut;
import static io.calisera.command.provider.Calendars.berlin;
import static io.calisera.command.provider.Calendars.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.Idempotency;
import io.calisera.api.booking.IdempotencyKeyUsedEvent;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.command.provider.InMemoryCommandSide;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract's idempotency: the same key and body give the first answer and create nothing; the
 * same key with another body is refused. Kept in the event store, so it holds across restarts and
 * instances.
 */
class IdempotentPlacementTest {

  private static final Instant TUESDAY_TEN = berlin("2026-06-02T10:00");
  private static final Instant TUESDAY_ELEVEN = berlin("2026-06-02T11:00");
  private static final Idempotency KEY =
      new Idempotency(CUSTOMER.accountId(), "key-1", "sha256:tuesday-ten");

  private final InMemoryCommandSide commandSide = new InMemoryCommandSide();

  @BeforeEach
  void aSalonOpenWeekdays() {
    commandSide.send(
        new RegisterAccountCommand(
            OWNER.accountId(), "anna@example.com", "Anna", OWNER.roles(), Actor.SYSTEM, NOW));
    commandSide.send(
        new CreateProviderCommand(
            PROVIDER, "Salon Anna", null, BERLIN, null, null, null, OWNER, NOW));
    commandSide.send(
        new ReplaceScheduleCommand(PROVIDER, weekdays("09:00", "17:00"), List.of(), OWNER, NOW));
    commandSide.send(new AddServiceCommand(PROVIDER, HAIRCUT, aHaircut(), OWNER, NOW));
  }

  @AfterEach
  void close() {
    commandSide.close();
  }

  private static PlaceBookingCommand place(String bookingId, Instant start, Idempotency key) {
    return new PlaceBookingCommand(
        PROVIDER, bookingId, HAIRCUT, start, BO, CUSTOMER.accountId(), null, key, CUSTOMER, NOW);
  }

  private static BookingReceipt receipt(String bookingId, boolean repeated) {
    return new BookingReceipt(
        bookingId,
        PROVIDER,
        HAIRCUT,
        BookingStatus.CONFIRMED,
        TUESDAY_TEN,
        TUESDAY_ELEVEN,
        BERLIN,
        repeated);
  }

  @Test
  void theKeyIsSpentTogetherWithItsBooking() {
    int before = commandSide.events().size();

    BookingReceipt first = commandSide.send(place("b1", TUESDAY_TEN, KEY));

    assertThat(first).isEqualTo(receipt("b1", false));
    List<Object> stored = commandSide.events().subList(before, commandSide.events().size());
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0)).isInstanceOf(BookingPlacedEvent.class);
    assertThat(stored.get(1))
        .isEqualTo(
            new IdempotencyKeyUsedEvent(
                IdempotencyRecords.idOf(KEY),
                KEY.scope(),
                KEY.key(),
                KEY.fingerprint(),
                receipt("b1", false),
                CUSTOMER.accountId(),
                NOW));
  }

  @Test
  void aRepeatedRequestGetsTheFirstAnswerAndCreatesNothing() {
    commandSide.send(place("b1", TUESDAY_TEN, KEY));
    int before = commandSide.events().size();

    // the bff names a new booking id for each request it receives
    BookingReceipt repeat = commandSide.send(place("b2", TUESDAY_TEN, KEY));

    assertThat(repeat).isEqualTo(receipt("b1", true));
    assertThat(commandSide.events()).hasSize(before);
  }

  @Test
  void theSameKeyWithAnotherRequestIsRefused() {
    commandSide.send(place("b1", TUESDAY_TEN, KEY));
    int before = commandSide.events().size();
    Idempotency sameKeyOtherBody = new Idempotency(KEY.scope(), KEY.key(), "sha256:tuesday-eleven");

    assertThatThrownBy(() -> commandSide.send(place("b2", TUESDAY_ELEVEN, sameKeyOtherBody)))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.IDEMPOTENCY_KEY_REUSED));
    assertThat(commandSide.events()).hasSize(before);
  }

  @Test
  void theKeysOfDifferentClientsDoNotCollide() {
    commandSide.send(place("b1", TUESDAY_TEN, KEY));
    Idempotency guestsKey = new Idempotency("guest-42", KEY.key(), "sha256:tuesday-eleven");

    BookingReceipt guests =
        commandSide.send(
            new PlaceBookingCommand(
                PROVIDER,
                "b2",
                HAIRCUT,
                TUESDAY_ELEVEN,
                BO,
                null,
                null,
                guestsKey,
                Actor.GUEST,
                NOW));

    assertThat(guests.bookingId()).isEqualTo("b2");
    assertThat(guests.repeated()).isFalse();
  }

  @Test
  void aRefusedRequestSpendsNoKey() {
    commandSide.send(place("b1", TUESDAY_TEN, null));
    Idempotency key = new Idempotency(CUSTOMER.accountId(), "key-2", "sha256:whatever");

    assertThatThrownBy(() -> commandSide.send(place("b2", TUESDAY_TEN, key)))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal().code()).isEqualTo(RefusalCode.SLOT_TAKEN));
    assertThat(commandSide.eventsOf(IdempotencyRecords.idOf(key))).isEmpty();
  }

  @Test
  void theRecordIdDependsOnScopeAndKeyAndCannotBeForged() {
    assertThat(IdempotencyRecords.idOf(new Idempotency("a:b", "c", "f")))
        .isNotEqualTo(IdempotencyRecords.idOf(new Idempotency("a", "b:c", "f")))
        .startsWith("idempotency:")
        .hasSize("idempotency:".length() + 64);
  }
}

package io.calisera.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.booking.BookingPlacedEvent;
import io.calisera.api.booking.BookingRescheduledEvent;
import io.calisera.api.common.MessageSerialization;
import io.calisera.api.schedule.SlotSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's reminders: minutes before the start, 24 h and 1 h unless set, none when empty, and
 * the rules a setting must keep. Services and bookings stored before the setting existed read as
 * the default.
 */
class ReminderMinutesTest {

  private static final ObjectMapper JSON = MessageSerialization.objectMapper();

  @Test
  void absentRemindersAreTheDefaultTwentyFourHoursAndOneHour() {
    assertThat(haircut(null).reminderMinutes()).containsExactly(1_440, 60);
  }

  @Test
  void anEmptyListMeansNoReminders() {
    assertThat(haircut(List.of()).reminderMinutes()).isEmpty();
  }

  @Test
  void remindersKeepTheirOrderAndBounds() {
    assertThat(haircut(List.of(5, 43_200, 30)).reminderMinutes()).containsExactly(5, 43_200, 30);
  }

  @Test
  void aReminderUnderFiveMinutesOrOverThirtyDaysIsRefusedNamingTheField() {
    assertThatThrownBy(() -> haircut(List.of(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reminderMinutes must each be between 5 and 43200, was 4");
    assertThatThrownBy(() -> haircut(List.of(60, 43_201)))
        .hasMessage("reminderMinutes must each be between 5 and 43200, was 43201");
    assertThatThrownBy(() -> haircut(List.of(-60))).hasMessageStartingWith("reminderMinutes ");
  }

  @Test
  void theSameReminderTwiceIsRefused() {
    assertThatThrownBy(() -> haircut(List.of(60, 1_440, 60)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reminderMinutes must not name the same time twice, was [60, 1440, 60]");
  }

  @Test
  void moreThanFiveRemindersAreRefused() {
    assertThatThrownBy(() -> haircut(List.of(10, 20, 30, 40, 50, 60)))
        .hasMessage("reminderMinutes may have at most 5 entries, had 6");
  }

  @Test
  void aMissingEntryIsRefused() {
    assertThatThrownBy(() -> haircut(Arrays.asList(60, null)))
        .hasMessage("reminderMinutes[1] must not be null");
  }

  @Test
  void servicesAndBookingsStoredBeforeRemindersExistedReadAsTheDefault() throws IOException {
    assertThat(read("ServiceAddedEvent.v1", ServiceAddedEvent.class).definition().reminderMinutes())
        .containsExactly(1_440, 60);
    assertThat(
            read("ServiceChangedEvent.v1", ServiceChangedEvent.class)
                .definition()
                .reminderMinutes())
        .containsExactly(1_440, 60);
    assertThat(read("BookingPlacedEvent.v1", BookingPlacedEvent.class).reminderMinutes())
        .containsExactly(1_440, 60);
    assertThat(read("BookingRescheduledEvent.v1", BookingRescheduledEvent.class).reminderMinutes())
        .containsExactly(1_440, 60);
  }

  @Test
  void theirCurrentRevisionsKeepWhatWasSet() throws IOException {
    assertThat(read("ServiceAddedEvent.v2", ServiceAddedEvent.class).definition().reminderMinutes())
        .containsExactly(1_440, 120);
    assertThat(
            read("ServiceChangedEvent.v2", ServiceChangedEvent.class)
                .definition()
                .reminderMinutes())
        .isEmpty();
    assertThat(read("BookingRescheduledEvent.v2", BookingRescheduledEvent.class).reminderMinutes())
        .containsExactly(30);
  }

  private static ServiceDefinition haircut(List<Integer> reminderMinutes) {
    return new ServiceDefinition(
        "Haircut", SlotSettings.withDefaults(45), null, 0, false, reminderMinutes);
  }

  private static <T> T read(String sample, Class<T> type) throws IOException {
    try (InputStream in =
        ReminderMinutesTest.class.getResourceAsStream("/events/" + sample + ".json")) {
      return JSON.readValue(in, type);
    }
  }
}

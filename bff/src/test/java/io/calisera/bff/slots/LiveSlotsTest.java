package io.calisera.bff.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Duration;
import java.util.List;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The live slots stream on Axon's local buses: the first list, then each list that differs from the
 * one sent before, and the end of the stream (with its subscription) when the platform ends the
 * subscription. Events through the real platform, keep-alives and clients that leave are
 * PublicApiIT's.
 */
@BffTest
class LiveSlotsTest {

  private static final String STREAM =
      "/api/v1/providers/p-salon/services/s-cut/slots/stream?from=2026-06-02&to=2026-06-02";

  @Autowired MockMvc mvc;
  @Autowired StubPlatform platform;
  @Autowired QueryUpdateEmitter updates;
  @Autowired LiveSlots live;

  private static AvailableSlots slots(int hours) {
    return new AvailableSlots(
        "p-salon",
        "s-cut",
        Views.BERLIN,
        java.util.stream.IntStream.range(0, hours)
            .mapToObj(
                hour ->
                    Slot.of(Views.TUESDAY_NINE.plus(Duration.ofHours(hour)), Duration.ofHours(1)))
            .toList());
  }

  @Test
  void theStreamSendsTheFirstListThenEachChangedOneAndEndsWithItsSubscription() throws Exception {
    platform.on(FindAvailableSlotsQuery.class).answer(slots(3));
    int subscriptionsBefore = updates.activeSubscriptions().size();

    MockHttpServletResponse response =
        mvc.perform(
                Api.call(HttpMethod.GET, STREAM, null, null).accept(MediaType.TEXT_EVENT_STREAM))
            .andExpect(request().asyncStarted())
            .andReturn()
            .getResponse();
    await().atMost(Duration.ofSeconds(5)).until(() -> events(response).size() == 1);
    assertThat(response.getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
    assertThat(events(response).get(0))
        .contains("event:slots")
        .contains("retry:2000")
        .contains("\"start\":\"2026-06-02T09:00:00+02:00\"")
        .contains("\"start\":\"2026-06-02T11:00:00+02:00\"");
    assertThat(live.open()).isEqualTo(1);
    assertThat(updates.activeSubscriptions()).hasSize(subscriptionsBefore + 1);

    emit(slots(3)); // the same list: nothing to send
    emit(slots(2)); // 11:00 taken
    await().atMost(Duration.ofSeconds(5)).until(() -> events(response).size() == 2);
    assertThat(events(response).get(1))
        .contains("\"start\":\"2026-06-02T10:00:00+02:00\"")
        .doesNotContain("\"start\":\"2026-06-02T11:00:00+02:00\"");

    // the platform ends the subscription (the hub went away): the stream ends, the client
    // reconnects after retry
    updates.complete(FindAvailableSlotsQuery.class, query -> true);
    await().atMost(Duration.ofSeconds(5)).until(() -> live.open() == 0);
    assertThat(updates.activeSubscriptions()).hasSize(subscriptionsBefore);
    emit(slots(1));
    assertThat(events(response)).hasSize(2);
  }

  @Test
  void aStreamOpenedAfterTheBffWasStoppedAndStartedAgainGetsItsEvents() throws Exception {
    // Spring's tests stop the contexts they cache while other classes run, and start them again
    live.stop();
    live.start();
    platform.on(FindAvailableSlotsQuery.class).answer(slots(2));

    MockHttpServletResponse response =
        mvc.perform(
                Api.call(HttpMethod.GET, STREAM, null, null).accept(MediaType.TEXT_EVENT_STREAM))
            .andExpect(request().asyncStarted())
            .andReturn()
            .getResponse();

    await().atMost(Duration.ofSeconds(5)).until(() -> events(response).size() == 1);
    updates.complete(FindAvailableSlotsQuery.class, query -> true);
    await().atMost(Duration.ofSeconds(5)).until(() -> live.open() == 0);
  }

  private void emit(AvailableSlots slots) {
    updates.emit(FindAvailableSlotsQuery.class, query -> true, slots);
  }

  /** The events written so far, each as its lines. */
  private static List<String> events(MockHttpServletResponse response) throws Exception {
    return java.util.Arrays.stream(response.getContentAsString().split("\n\n"))
        .filter(event -> event.contains("event:slots"))
        .toList();
  }
}

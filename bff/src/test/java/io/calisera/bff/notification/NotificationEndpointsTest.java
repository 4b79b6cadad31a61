package io.calisera.bff.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.booking.FindManageLinkQuery;
import io.calisera.api.booking.ManageLink;
import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.FindBookingNotificationsQuery;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind;
import io.calisera.api.notification.NotificationStatus;
import io.calisera.bff.booking.BookingCapabilities;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What was sent about a booking is seen by its customer, the provider's owner and auditors, in the
 * customer's zone; nobody else sees it. And the bff hands the notification service a booking's
 * manage link without the secret behind it leaving the bff.
 */
@BffTest
class NotificationEndpointsTest {

  private static final String TUESDAY_NINE = "2026-06-02T09:00:00+02:00";
  private static final Instant SENT_AT = Instant.parse("2026-06-01T08:00:05Z");

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired QueryBus queryBus;
  @Autowired QueryGateway queries;
  @Autowired BookingCapabilities capabilities;

  Api api;
  String owner;
  String customer;
  String stranger;
  String auditor;
  String bookingId;
  Registration records;

  @BeforeEach
  void aBookingTheNotificationServiceToldTheCustomerAbout() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    owner = api.login("olga");
    customer = api.login("cara");
    stranger = api.login("otto");
    auditor = api.login("audrey", "AUDITOR");
    String providerId = api.provider(owner, "Europe/Berlin");
    String serviceId = api.service(owner, providerId, "{\"name\":\"Cut\",\"durationMinutes\":60}");
    api.openEveryDay(owner, providerId, "09:00", "17:00");
    bookingId =
        JsonPath.read(api.bookAs(customer, providerId, serviceId, TUESDAY_NINE), "$.bookingId");
    // the notification service's answer, as a narrow stub on the local query bus
    records =
        queryBus.subscribe(
            FindBookingNotificationsQuery.class.getName(),
            BookingNotifications.class,
            query ->
                new BookingNotifications(
                    ((FindBookingNotificationsQuery) query.getPayload()).bookingId(),
                    List.of(
                        new BookingNotifications.Message(
                            NotificationChannel.EMAIL,
                            NotificationKind.BOOKING_CONFIRMED,
                            "cara@example.com",
                            NotificationStatus.SENT,
                            1,
                            SENT_AT,
                            null),
                        new BookingNotifications.Message(
                            NotificationChannel.SMS,
                            NotificationKind.REMINDER,
                            "+491701234567",
                            NotificationStatus.SKIPPED,
                            0,
                            null,
                            Instant.parse("2026-06-01T07:00:00Z")))));
  }

  @AfterEach
  void withoutTheStub() {
    records.cancel();
  }

  @Test
  void theCustomerSeesWhatWasSentInTheirZone() throws Exception {
    api.perform(HttpMethod.GET, path(), customer, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].channel").value("EMAIL"))
        .andExpect(jsonPath("$[0].kind").value("BOOKING_CONFIRMED"))
        .andExpect(jsonPath("$[0].recipient").value("cara@example.com"))
        .andExpect(jsonPath("$[0].status").value("SENT"))
        .andExpect(jsonPath("$[0].attempts").value(1))
        .andExpect(jsonPath("$[0].lastAttemptAt").value("2026-06-01T10:00:05+02:00"))
        .andExpect(jsonPath("$[1].status").value("SKIPPED"))
        .andExpect(jsonPath("$[1].scheduledFor").value("2026-06-01T09:00:00+02:00"));
  }

  @Test
  void theOwnerAndAnAuditorSeeThemToo() throws Exception {
    api.perform(HttpMethod.GET, path(), owner, null).andExpect(status().isOk());
    api.perform(HttpMethod.GET, path(), auditor, null).andExpect(status().isOk());
  }

  @Test
  void nobodyElseDoes() throws Exception {
    api.perform(HttpMethod.GET, path(), stranger, null).andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, path(), null, null).andExpect(status().isUnauthorized());
  }

  @Test
  void theManageLinkOfABookingIsAnsweredWithItsCapability() {
    ManageLink link =
        queries
            .query(new FindManageLinkQuery(bookingId), ResponseTypes.instanceOf(ManageLink.class))
            .join();
    assertThat(link.url()).startsWith("https://api.calisera.test/manage/" + bookingId + ".");
    String capability = link.url().substring(link.url().lastIndexOf('/') + 1);
    assertThat(capabilities.opens(capability, bookingId)).isTrue();
  }

  private String path() {
    return "/api/v1/bookings/" + bookingId + "/notifications";
  }
}

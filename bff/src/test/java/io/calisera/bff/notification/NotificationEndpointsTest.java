package io.calisera.bff.notification;

import static io.calisera.bff.testing.Views.aBookingOnTuesdayAtNine;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindManageLinkQuery;
import io.calisera.api.booking.ManageLink;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.FindBookingNotificationsQuery;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind;
import io.calisera.api.notification.NotificationStatus;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.bff.booking.BookingCapabilities;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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

  private static final String PROVIDER = "p-salon";
  private static final String BOOKING = "b-cara";
  private static final Instant SENT_AT = Instant.parse("2026-06-01T08:00:05Z");

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;
  @Autowired QueryGateway queries;
  @Autowired BookingCapabilities capabilities;

  Api api;
  Api.Person owner;
  Api.Person customer;
  Api.Person stranger;
  Api.Person auditor;

  @BeforeEach
  void carasBookingAndWhatTheNotificationServiceSentAboutIt() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    owner = api.person("olga");
    customer = api.person("cara");
    stranger = api.person("otto");
    auditor = api.person("audrey", "AUDITOR");
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answer(aSalonInBerlin(PROVIDER, owner.accountId()));
    platform
        .on(new FindBookingQuery(BOOKING))
        .answer(aBookingOnTuesdayAtNine(BOOKING, PROVIDER, customer.accountId()));
    platform
        .on(new FindBookingNotificationsQuery(BOOKING))
        .answer(
            new BookingNotifications(
                BOOKING,
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

  @Test
  void theCustomerSeesWhatWasSentInTheirZone() throws Exception {
    api.perform(HttpMethod.GET, path(), customer.token(), null)
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
    api.perform(HttpMethod.GET, path(), owner.token(), null).andExpect(status().isOk());
    api.perform(HttpMethod.GET, path(), auditor.token(), null).andExpect(status().isOk());
  }

  @Test
  void nobodyElseDoes() throws Exception {
    api.perform(HttpMethod.GET, path(), stranger.token(), null).andExpect(status().isForbidden());
    api.perform(HttpMethod.GET, path(), null, null).andExpect(status().isUnauthorized());
    assertThat(platform.sent(FindBookingNotificationsQuery.class))
        .as("nothing asked for someone who may not see it")
        .isEmpty();
  }

  @Test
  void theManageLinkOfABookingIsAnsweredWithItsCapability() throws Exception {
    platform.on(PlaceBookingCommand.class).answerWith(Views::placedAsAsked);
    String created =
        api.perform(
                HttpMethod.POST,
                "/api/v1/bookings",
                null,
                "{\"providerId\":\""
                    + PROVIDER
                    + "\",\"serviceId\":\"s-cut\",\"start\":\""
                    + Views.TUESDAY_NINE
                    + "\",\"customer\":{\"name\":\"Gail\",\"email\":\"gail@example.com\"}}")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String bookingId = JsonPath.read(created, "$.bookingId");

    ManageLink link =
        queries
            .query(new FindManageLinkQuery(bookingId), ResponseTypes.instanceOf(ManageLink.class))
            .join();

    assertThat(link.url()).isEqualTo(JsonPath.read(created, "$.manageUrl"));
    assertThat(capabilities.opens(Api.capabilityOf(created), bookingId)).isTrue();
  }

  private String path() {
    return "/api/v1/bookings/" + BOOKING + "/notifications";
  }
}

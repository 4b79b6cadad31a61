package io.calisera.bff.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.jayway.jsonpath.JsonPath;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.bff.auth.AccountIds;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.FakePlatform;
import io.calisera.bff.testing.Logins;
import io.calisera.bff.testing.MutableClock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Providers, services and availability: who may call each endpoint (401 anonymous, 403 for a
 * non-owner, the owner or anyone succeeding), and what they answer.
 */
@BffTest
class ProviderEndpointsTest {

  private static final String BASE = "https://api.calisera.test";
  private static final String SERVICE = "{\"name\":\"Cut\",\"durationMinutes\":60}";

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired FakePlatform platform;

  Api api;
  String owner;
  String stranger;
  String providerId;

  @BeforeEach
  void aProviderWithItsOwner() throws Exception {
    clock.set(BffTestConfiguration.START);
    api = new Api(mvc);
    owner = api.login("olga");
    stranger = api.login("sam", "PROVIDER");
    providerId = api.provider(owner, "Europe/Berlin");
  }

  @Test
  void anyAuthenticatedCallerCreatesAProviderAndOwnsIt() throws Exception {
    String email = Api.unique("new-owner");
    String token = Logins.devLogin(mvc, email).accessToken();
    String slug = "studio-" + UUID.randomUUID().toString().substring(0, 8);

    String body =
        api.perform(
                HttpMethod.POST,
                "/api/v1/providers",
                token,
                "{\"displayName\":\"Studio Nord\",\"slug\":\""
                    + slug
                    + "\",\"timeZone\":\"Europe/Berlin\",\"bio\":\"Cuts\"}")
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", startsWith("/api/v1/providers/")))
            .andExpect(jsonPath("$.slug").value(slug))
            .andExpect(jsonPath("$.bookingUrl").value(BASE + "/p/" + slug))
            .andReturn()
            .getResponse()
            .getContentAsString();

    String id = JsonPath.read(body, "$.providerId");
    CreateProviderCommand sent =
        platform.handled(CreateProviderCommand.class).stream()
            .filter(c -> c.providerId().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(sent.actor().accountId()).isEqualTo(AccountIds.ofDevLogin(email));
    assertThat(sent.at()).isEqualTo(BffTestConfiguration.START);
  }

  @Test
  void withoutASlugOneIsDerivedFromTheName() throws Exception {
    api.perform(
            HttpMethod.POST,
            "/api/v1/providers",
            owner,
            "{\"displayName\":\"Zoë's Café\",\"timeZone\":\"Europe/Berlin\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.slug", startsWith("zoe-s-cafe")));
  }

  @Test
  void aTakenSlugIs409() throws Exception {
    String slug = "taken-" + UUID.randomUUID().toString().substring(0, 8);
    String profile = "{\"displayName\":\"A\",\"slug\":\"" + slug + "\",\"timeZone\":\"UTC\"}";
    api.perform(HttpMethod.POST, "/api/v1/providers", owner, profile)
        .andExpect(status().isCreated());
    api.perform(HttpMethod.POST, "/api/v1/providers", stranger, profile)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SLUG_TAKEN"));
  }

  @Test
  void anyoneSearchesTheDirectory() throws Exception {
    String city = "Town" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 3; i++) {
      api.perform(
              HttpMethod.POST,
              "/api/v1/providers",
              owner,
              "{\"displayName\":\"Barber "
                  + i
                  + "\",\"timeZone\":\"Europe/Berlin\",\"city\":\""
                  + city
                  + "\"}")
          .andExpect(status().isCreated());
    }
    api.perform(HttpMethod.GET, "/api/v1/providers?city=" + city + "&page=0&size=2", null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(2)))
        .andExpect(jsonPath("$.items[0].displayName").value("Barber 0"))
        .andExpect(jsonPath("$.items[0].bookingUrl", startsWith(BASE + "/p/barber-0")))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.total").value(3));
  }

  @Test
  void anyoneReadsAProviderPageByIdOrSlugWithActiveServicesOnly() throws Exception {
    String active = api.service(owner, providerId, SERVICE);
    String gone = api.service(owner, providerId, "{\"name\":\"Old\",\"durationMinutes\":30}");
    api.perform(
            HttpMethod.DELETE, "/api/v1/providers/" + providerId + "/services/" + gone, owner, null)
        .andExpect(status().isNoContent());

    String page =
        api.perform(HttpMethod.GET, "/api/v1/providers/" + providerId, null, null)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.providerId").value(providerId))
            .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
            .andExpect(jsonPath("$.services", hasSize(1)))
            .andExpect(jsonPath("$.services[0].serviceId").value(active))
            // the contract's defaults
            .andExpect(jsonPath("$.services[0].slotIntervalMinutes").value(60))
            .andExpect(jsonPath("$.services[0].bufferBeforeMinutes").value(0))
            .andExpect(jsonPath("$.services[0].minimumNoticeMinutes").value(0))
            .andExpect(jsonPath("$.services[0].maxDaysInAdvance").value(60))
            .andExpect(jsonPath("$.services[0].cancellationNoticeMinutes").value(0))
            .andExpect(jsonPath("$.services[0].requiresConfirmation").value(false))
            .andExpect(jsonPath("$.ownerAccountId").doesNotExist())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String slug = JsonPath.read(page, "$.slug");
    api.perform(HttpMethod.GET, "/api/v1/providers/" + slug, null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(providerId));
    api.perform(HttpMethod.GET, "/api/v1/providers/no-such-provider", null, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void onlyTheOwnerChangesTheProfile() throws Exception {
    String profile = "{\"displayName\":\"Renamed\",\"timeZone\":\"Asia/Tokyo\",\"city\":\"Kyoto\"}";
    String path = "/api/v1/providers/" + providerId;
    api.perform(HttpMethod.PUT, path, null, profile).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, path, stranger, profile)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    api.perform(HttpMethod.PUT, path, owner, profile)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.displayName").value("Renamed"))
        .andExpect(jsonPath("$.timeZone").value("Asia/Tokyo"))
        .andExpect(jsonPath("$.city").value("Kyoto"));
    api.perform(HttpMethod.PUT, "/api/v1/providers/unknown-provider", owner, profile)
        .andExpect(status().isNotFound());
  }

  @Test
  void onlyTheOwnerManagesServicesWithinTheLimits() throws Exception {
    String services = "/api/v1/providers/" + providerId + "/services";
    api.perform(HttpMethod.POST, services, null, SERVICE).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.POST, services, stranger, SERVICE).andExpect(status().isForbidden());
    String created =
        api.perform(
                HttpMethod.POST,
                services,
                owner,
                "{\"name\":\"Colour\",\"durationMinutes\":90,\"price\":{\"amount\":\"45.00\","
                    + "\"currency\":\"EUR\"},\"bufferAfterMinutes\":15,\"slotIntervalMinutes\":30,"
                    + "\"minimumNoticeMinutes\":120,\"maxDaysInAdvance\":30,"
                    + "\"cancellationNoticeMinutes\":1440,\"requiresConfirmation\":true}")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String serviceId = JsonPath.read(created, "$.serviceId");
    var added = platform.handled(AddServiceCommand.class);
    AddServiceCommand sent = added.get(added.size() - 1);
    assertThat(sent.definition().price().amount()).isEqualByComparingTo("45.00");
    assertThat(sent.definition().slots().slotIntervalMinutes()).isEqualTo(30);
    assertThat(sent.definition().requiresConfirmation()).isTrue();

    String one = services + "/" + serviceId;
    String changed = "{\"name\":\"Colour XL\",\"durationMinutes\":120}";
    api.perform(HttpMethod.PUT, one, null, changed).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, one, stranger, changed).andExpect(status().isForbidden());
    api.perform(HttpMethod.PUT, one, owner, changed)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Colour XL"))
        .andExpect(jsonPath("$.durationMinutes").value(120))
        .andExpect(jsonPath("$.slotIntervalMinutes").value(120))
        .andExpect(jsonPath("$.price").doesNotExist());

    api.perform(HttpMethod.DELETE, one, null, null).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.DELETE, one, stranger, null).andExpect(status().isForbidden());
    api.perform(HttpMethod.DELETE, one, owner, null).andExpect(status().isNoContent());
    api.perform(HttpMethod.PUT, one, owner, changed)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("INVALID_STATE"));
    api.perform(HttpMethod.PUT, services + "/no-such-service", owner, changed)
        .andExpect(status().isNotFound());
  }

  @Test
  void serviceSettingsOutsideTheLimitsAre400NamingTheField() throws Exception {
    String services = "/api/v1/providers/" + providerId + "/services";
    for (String[] bad :
        new String[][] {
          {"{\"name\":\"X\",\"durationMinutes\":4}", "durationMinutes"},
          {"{\"name\":\"X\",\"durationMinutes\":721}", "durationMinutes"},
          {"{\"name\":\"X\"}", "durationMinutes"},
          {"{\"durationMinutes\":30}", "name"},
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"bufferBeforeMinutes\":241}",
            "bufferBeforeMinutes"
          },
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"bufferAfterMinutes\":-1}",
            "bufferAfterMinutes"
          },
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"slotIntervalMinutes\":4}",
            "slotIntervalMinutes"
          },
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"minimumNoticeMinutes\":43201}",
            "minimumNoticeMinutes"
          },
          {"{\"name\":\"X\",\"durationMinutes\":30,\"maxDaysInAdvance\":0}", "maxDaysInAdvance"},
          {"{\"name\":\"X\",\"durationMinutes\":30,\"maxDaysInAdvance\":731}", "maxDaysInAdvance"},
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"cancellationNoticeMinutes\":43201}",
            "cancellationNoticeMinutes"
          },
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"price\":{\"amount\":\"4.555\",\"currency\":\"EUR\"}}",
            "price.amount"
          },
          {
            "{\"name\":\"X\",\"durationMinutes\":30,\"price\":{\"amount\":\"4\",\"currency\":\"euro\"}}",
            "price.currency"
          },
          {"{\"name\":\"X\",\"durationMinutes\":\"long\"}", "durationMinutes"}
        }) {
      api.perform(HttpMethod.POST, services, owner, bad[0])
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.errors[0].field").value(bad[1]));
    }
  }

  @Test
  void onlyTheOwnerReplacesTheScheduleAndAnyoneReadsItAsStored() throws Exception {
    String path = "/api/v1/providers/" + providerId + "/availability";
    String schedule =
        "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"17:00\"},"
            + "{\"day\":\"FRIDAY\",\"start\":\"22:00\",\"end\":\"24:00\"}],"
            + "\"overrides\":[{\"date\":\"2026-12-24\",\"intervals\":[{\"start\":\"09:00\","
            + "\"end\":\"12:00\"}]},{\"date\":\"2026-12-25\",\"intervals\":[]}]}";
    api.perform(HttpMethod.PUT, path, null, schedule).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, path, stranger, schedule).andExpect(status().isForbidden());
    api.perform(HttpMethod.PUT, path, owner, schedule)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.weekly[1].end").value("24:00"));

    api.perform(HttpMethod.GET, path, null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(providerId))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.weekly[0].day").value("MONDAY"))
        .andExpect(jsonPath("$.weekly[0].start").value("09:00"))
        .andExpect(jsonPath("$.weekly[0].end").value("17:00"))
        .andExpect(jsonPath("$.weekly[1].day").value("FRIDAY"))
        .andExpect(jsonPath("$.weekly[1].end").value("24:00"))
        .andExpect(jsonPath("$.overrides[0].date").value("2026-12-24"))
        .andExpect(jsonPath("$.overrides[0].intervals[0].end").value("12:00"))
        .andExpect(jsonPath("$.overrides[1].date").value("2026-12-25"))
        .andExpect(jsonPath("$.overrides[1].intervals", hasSize(0)));
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/availability", null, null)
        .andExpect(status().isNotFound());
  }

  @Test
  void overlappingIntervalsOfOneDayAre400SayingWhich() throws Exception {
    String path = "/api/v1/providers/" + providerId + "/availability";
    api.perform(
            HttpMethod.PUT,
            path,
            owner,
            "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"12:00\"},"
                + "{\"day\":\"MONDAY\",\"start\":\"11:00\",\"end\":\"13:00\"}]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.errors[0].field").value("weekly"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("weekly MONDAY: 09:00-12:00 overlaps 11:00-13:00"));
    api.perform(
            HttpMethod.PUT,
            path,
            owner,
            "{\"overrides\":[{\"date\":\"2026-12-24\",\"intervals\":[{\"start\":\"09:00\","
                + "\"end\":\"12:00\"},{\"start\":\"10:00\",\"end\":\"11:00\"}]}]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("overrides"));
    for (String bad :
        new String[] {
          "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"24:00\",\"end\":\"12:00\"}]}",
          "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"9:00\",\"end\":\"12:00\"}]}",
          "{\"weekly\":[{\"day\":\"FUNDAY\",\"start\":\"09:00\",\"end\":\"12:00\"}]}",
          "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"25:00\"}]}",
          "{\"weekly\":[null]}",
          "{\"overrides\":[{\"date\":\"2026-02-30\",\"intervals\":[]}]}",
          "{\"overrides\":[{\"date\":\"+99999-01-01\",\"intervals\":[]}]}",
          "{\"overrides\":[{\"date\":\"2026-12-24\"}]}",
          "{\"overrides\":[{\"date\":\"2026-12-24\",\"intervals\":[]},{\"date\":\"2026-12-24\","
              + "\"intervals\":[]}]}"
        }) {
      api.perform(HttpMethod.PUT, path, owner, bad)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
  }

  @Test
  void anyoneGetsTheQrCodeOfTheBookingUrl() throws Exception {
    String slug =
        JsonPath.read(
            api.perform(HttpMethod.GET, "/api/v1/providers/" + providerId, null, null)
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.slug");
    byte[] png =
        api.perform(HttpMethod.GET, "/api/v1/providers/" + providerId + "/qr?size=300", null, null)
            .andExpect(status().isOk())
            .andExpect(content().contentType("image/png"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(300);
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    String decoded =
        new QRCodeReader()
            .decode(
                new BinaryBitmap(
                    new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                // a generated code, not a photo: without this the finder-pattern search misses
                // now and then, depending on the encoded URL
                Map.of(DecodeHintType.PURE_BARCODE, true))
            .getText();
    assertThat(decoded).isEqualTo(BASE + "/p/" + slug);

    String svg =
        api.perform(
                HttpMethod.GET, "/api/v1/providers/" + slug + "/qr?format=svg&size=128", null, null)
            .andExpect(status().isOk())
            .andExpect(content().contentType("image/svg+xml"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(svg).startsWith("<svg").contains("width=\"128\"").contains("<path");

    for (String bad : new String[] {"?format=gif", "?size=10", "?size=5000", "?size=big"}) {
      api.perform(HttpMethod.GET, "/api/v1/providers/" + providerId + "/qr" + bad, null, null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/qr", null, null)
        .andExpect(status().isNotFound());
  }
}

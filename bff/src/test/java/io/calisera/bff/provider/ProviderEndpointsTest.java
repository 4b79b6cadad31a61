package io.calisera.bff.provider;

import static io.calisera.bff.testing.Views.BERLIN;
import static io.calisera.bff.testing.Views.aSalonInBerlin;
import static io.calisera.bff.testing.Views.anHourCut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.jayway.jsonpath.JsonPath;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.Money;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.api.schedule.WeeklyHours;
import io.calisera.bff.testing.Api;
import io.calisera.bff.testing.Api.Person;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.BffTestConfiguration;
import io.calisera.bff.testing.MutableClock;
import io.calisera.bff.testing.StubPlatform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Providers, services and availability through the bff: who may call each endpoint (401 anonymous,
 * 403 for a non-owner, the owner or anyone succeeding), the commands and queries each request
 * becomes, and how the answers reach the client. Slugs, services and schedules themselves are the
 * command side's and the query side's, stubbed here ({@link StubPlatform}).
 */
@BffTest
class ProviderEndpointsTest {

  private static final String BASE = "https://api.calisera.test";
  private static final String PROVIDER = "p-salon";
  private static final String SERVICE = "{\"name\":\"Cut\",\"durationMinutes\":60}";
  private static final Instant START = BffTestConfiguration.START;

  @Autowired MockMvc mvc;
  @Autowired MutableClock clock;
  @Autowired StubPlatform platform;

  Api api;
  Person owner;
  Person stranger;
  ProviderView salon;

  @BeforeEach
  void aSalonInBerlinWithItsOwner() throws Exception {
    clock.set(START);
    api = new Api(mvc);
    owner = api.person("olga");
    stranger = api.person("sam", "PROVIDER");
    salon = aSalonInBerlin(PROVIDER, owner.accountId(), anHourCut("s-cut"));
    platform.on(new FindProviderQuery(PROVIDER)).answer(salon);
  }

  @Test
  void anyAuthenticatedCallerCreatesAProviderAndOwnsIt() throws Exception {
    platform.on(CreateProviderCommand.class).answer("studio-nord");

    var answer =
        api.perform(
                HttpMethod.POST,
                "/api/v1/providers",
                stranger.token(),
                "{\"displayName\":\" Studio Nord \",\"slug\":\"studio-nord\","
                    + "\"timeZone\":\"Europe/Berlin\",\"bio\":\"Cuts\",\"city\":\" \"}")
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.slug").value("studio-nord"))
            .andExpect(jsonPath("$.bookingUrl").value(BASE + "/p/studio-nord"))
            .andReturn()
            .getResponse();

    CreateProviderCommand sent = platform.onlySent(CreateProviderCommand.class);
    assertThat((String) JsonPath.read(answer.getContentAsString(), "$.providerId"))
        .isEqualTo(sent.providerId());
    assertThat(answer.getHeader("Location")).isEqualTo("/api/v1/providers/" + sent.providerId());
    assertThat(sent)
        .isEqualTo(
            new CreateProviderCommand(
                sent.providerId(),
                "Studio Nord",
                "studio-nord",
                BERLIN,
                "Cuts",
                null,
                null,
                stranger.actor(),
                START));
  }

  @Test
  void withoutASlugTheProviderGetsTheOneTheCommandSideChose() throws Exception {
    platform.on(CreateProviderCommand.class).answer("zoe-s-cafe");

    api.perform(
            HttpMethod.POST,
            "/api/v1/providers",
            owner.token(),
            "{\"displayName\":\"Zoë's Café\",\"timeZone\":\"Europe/Berlin\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.slug").value("zoe-s-cafe"))
        .andExpect(jsonPath("$.bookingUrl").value(BASE + "/p/zoe-s-cafe"));
    assertThat(platform.onlySent(CreateProviderCommand.class).slug()).isNull();
  }

  @Test
  void aTakenSlugIs409() throws Exception {
    platform.on(CreateProviderCommand.class).refuse(RefusalCode.SLUG_TAKEN);
    platform.on(UpdateProviderProfileCommand.class).refuse(RefusalCode.SLUG_TAKEN);
    String profile = "{\"displayName\":\"A\",\"slug\":\"taken\",\"timeZone\":\"UTC\"}";

    api.perform(HttpMethod.POST, "/api/v1/providers", owner.token(), profile)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SLUG_TAKEN"));
    api.perform(HttpMethod.PUT, "/api/v1/providers/" + PROVIDER, owner.token(), profile)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("SLUG_TAKEN"));
  }

  @Test
  void anyoneSearchesTheDirectory() throws Exception {
    platform
        .on(new SearchProvidersQuery("barber", "Hair", "Berlin", 1, 2))
        .answer(
            new ProviderPage(
                List.of(
                    new ProviderSummary("p-1", "barber-0", "Barber 0", "Hair", "Berlin", BERLIN),
                    new ProviderSummary(
                        "p-2", "barber-1", "Barber 1", "Hair", "Berlin", ZoneId.of("UTC"))),
                1,
                2,
                4));
    platform
        .on(new SearchProvidersQuery(null, null, null, 0, 20))
        .answer(new ProviderPage(List.of(), 0, 20, 0));

    api.perform(
            HttpMethod.GET,
            "/api/v1/providers?q= barber &category=Hair&city=Berlin&page=1&size=2",
            null,
            null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(2)))
        .andExpect(jsonPath("$.items[0].providerId").value("p-1"))
        .andExpect(jsonPath("$.items[0].displayName").value("Barber 0"))
        .andExpect(jsonPath("$.items[0].timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.items[0].bookingUrl").value(BASE + "/p/barber-0"))
        .andExpect(jsonPath("$.items[1].timeZone").value("UTC"))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.total").value(4));
    api.perform(HttpMethod.GET, "/api/v1/providers", null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(0)));
  }

  @Test
  void aSignedInPersonListsTheProvidersTheyOwnAndNoOneElseDoes() throws Exception {
    platform
        .on(new FindOwnedProvidersQuery(owner.accountId()))
        .answer(
            new ProviderPage(
                List.of(new ProviderSummary(PROVIDER, "salon", "Salon", "Hair", "Berlin", BERLIN)),
                0,
                FindOwnedProvidersQuery.MAX,
                1));
    platform
        .on(new FindOwnedProvidersQuery(stranger.accountId()))
        .answer(new ProviderPage(List.of(), 0, FindOwnedProvidersQuery.MAX, 0));

    api.perform(HttpMethod.GET, "/api/v1/me/providers", owner.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(1)))
        .andExpect(jsonPath("$.items[0].providerId").value(PROVIDER))
        .andExpect(jsonPath("$.items[0].bookingUrl").value(BASE + "/p/salon"))
        .andExpect(jsonPath("$.total").value(1));
    api.perform(HttpMethod.GET, "/api/v1/me/providers", stranger.token(), null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items", hasSize(0)));
    api.perform(HttpMethod.GET, "/api/v1/me/providers", null, null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    api.perform(HttpMethod.GET, "/api/v1/me/providers", "not-a-token", null)
        .andExpect(status().isUnauthorized());
    assertThat(platform.sent(FindOwnedProvidersQuery.class))
        .extracting(FindOwnedProvidersQuery::ownerAccountId)
        .containsExactly(owner.accountId(), stranger.accountId());
  }

  @Test
  void anyoneReadsAProviderPageByIdOrSlugWithActiveServicesOnly() throws Exception {
    ServiceView gone =
        new ServiceView(
            "s-old",
            new ServiceDefinition("Old", SlotSettings.withDefaults(30), null, 0, false, null),
            false);
    ProviderView page = aSalonInBerlin(PROVIDER, owner.accountId(), anHourCut("s-cut"), gone);
    platform.on(new FindProviderQuery(PROVIDER)).answer(page);
    platform.on(new FindProviderQuery(page.slug())).answer(page);
    platform.on(new FindProviderQuery("no-such-provider")).answerNothing();

    api.perform(HttpMethod.GET, "/api/v1/providers/" + PROVIDER, null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(PROVIDER))
        .andExpect(jsonPath("$.slug").value(page.slug()))
        .andExpect(jsonPath("$.displayName").value("Salon"))
        .andExpect(jsonPath("$.bio").value("Cuts and colours"))
        .andExpect(jsonPath("$.category").value("Hair"))
        .andExpect(jsonPath("$.city").value("Berlin"))
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.bookingUrl").value(BASE + "/p/" + page.slug()))
        .andExpect(jsonPath("$.services", hasSize(1)))
        .andExpect(jsonPath("$.services[0].serviceId").value("s-cut"))
        .andExpect(jsonPath("$.services[0].name").value("Cut"))
        .andExpect(jsonPath("$.services[0].durationMinutes").value(60))
        .andExpect(jsonPath("$.services[0].slotIntervalMinutes").value(60))
        .andExpect(jsonPath("$.services[0].bufferBeforeMinutes").value(0))
        .andExpect(jsonPath("$.services[0].minimumNoticeMinutes").value(0))
        .andExpect(jsonPath("$.services[0].maxDaysInAdvance").value(60))
        .andExpect(jsonPath("$.services[0].cancellationNoticeMinutes").value(0))
        .andExpect(jsonPath("$.services[0].requiresConfirmation").value(false))
        .andExpect(jsonPath("$.services[0].price").doesNotExist())
        .andExpect(jsonPath("$.ownerAccountId").doesNotExist());
    api.perform(HttpMethod.GET, "/api/v1/providers/" + page.slug(), null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(PROVIDER));
    api.perform(HttpMethod.GET, "/api/v1/providers/no-such-provider", null, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void onlyTheOwnerChangesTheProfileAndGetsThePageAsItIsAfterwards() throws Exception {
    platform.on(UpdateProviderProfileCommand.class).succeed();
    ProviderView renamed =
        new ProviderView(
            PROVIDER,
            salon.slug(),
            "Renamed",
            null,
            null,
            "Kyoto",
            ZoneId.of("Asia/Tokyo"),
            owner.accountId(),
            salon.services());
    platform
        .on(new FindProviderQuery(PROVIDER))
        .answerWith(
            query -> platform.sent(UpdateProviderProfileCommand.class).isEmpty() ? salon : renamed);
    String profile = "{\"displayName\":\"Renamed\",\"timeZone\":\"Asia/Tokyo\",\"city\":\"Kyoto\"}";
    String path = "/api/v1/providers/" + PROVIDER;

    api.perform(HttpMethod.PUT, path, null, profile).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, path, stranger.token(), profile)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    assertThat(platform.commands()).isEmpty();
    api.perform(HttpMethod.PUT, path, owner.token(), profile)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.displayName").value("Renamed"))
        .andExpect(jsonPath("$.timeZone").value("Asia/Tokyo"))
        .andExpect(jsonPath("$.city").value("Kyoto"));
    assertThat(platform.onlySent(UpdateProviderProfileCommand.class))
        .isEqualTo(
            new UpdateProviderProfileCommand(
                PROVIDER,
                "Renamed",
                null,
                ZoneId.of("Asia/Tokyo"),
                null,
                null,
                "Kyoto",
                owner.actor(),
                START));

    platform.on(new FindProviderQuery("unknown-provider")).answerNothing();
    api.perform(HttpMethod.PUT, "/api/v1/providers/unknown-provider", owner.token(), profile)
        .andExpect(status().isNotFound());
    assertThat(platform.commands()).hasSize(1);
  }

  @Test
  void onlyTheOwnerAddsAServiceWithTheContractsDefaults() throws Exception {
    platform.on(AddServiceCommand.class).succeed();
    String services = "/api/v1/providers/" + PROVIDER + "/services";

    api.perform(HttpMethod.POST, services, null, SERVICE).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.POST, services, stranger.token(), SERVICE)
        .andExpect(status().isForbidden());
    assertThat(platform.commands()).isEmpty();

    String created =
        api.perform(
                HttpMethod.POST,
                services,
                owner.token(),
                "{\"name\":\" Colour \",\"durationMinutes\":90,\"price\":{\"amount\":\"45.00\","
                    + "\"currency\":\"EUR\"},\"bufferAfterMinutes\":15,\"slotIntervalMinutes\":30,"
                    + "\"minimumNoticeMinutes\":120,\"maxDaysInAdvance\":30,"
                    + "\"cancellationNoticeMinutes\":1440,\"requiresConfirmation\":true}")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    api.perform(HttpMethod.POST, services, owner.token(), SERVICE).andExpect(status().isCreated());

    var sent = platform.sent(AddServiceCommand.class);
    assertThat(sent.get(0))
        .isEqualTo(
            new AddServiceCommand(
                PROVIDER,
                JsonPath.read(created, "$.serviceId"),
                new ServiceDefinition(
                    "Colour",
                    new SlotSettings(90, 0, 15, 30, 120, 30),
                    new Money(new BigDecimal("45.00"), "EUR"),
                    1440,
                    true,
                    null),
                owner.actor(),
                START));
    assertThat(sent.get(1).definition())
        .as("the contract's defaults")
        .isEqualTo(
            new ServiceDefinition(
                "Cut", new SlotSettings(60, 0, 0, 60, 0, 60), null, 0, false, null));
  }

  @Test
  void onlyTheOwnerChangesAndDeactivatesAService() throws Exception {
    platform.on(ChangeServiceCommand.class).succeed();
    platform.on(DeactivateServiceCommand.class).succeed();
    ServiceView changedService =
        new ServiceView(
            "s-cut",
            new ServiceDefinition("Cut XL", SlotSettings.withDefaults(120), null, 0, false, null),
            true);
    platform
        .on(new FindServicesQuery(PROVIDER, false))
        .answer(new ServiceList(PROVIDER, List.of(changedService)));
    String one = "/api/v1/providers/" + PROVIDER + "/services/s-cut";
    String changed = "{\"name\":\"Cut XL\",\"durationMinutes\":120}";

    api.perform(HttpMethod.PUT, one, null, changed).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, one, stranger.token(), changed).andExpect(status().isForbidden());
    api.perform(HttpMethod.DELETE, one, null, null).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.DELETE, one, stranger.token(), null).andExpect(status().isForbidden());
    assertThat(platform.commands()).isEmpty();

    api.perform(HttpMethod.PUT, one, owner.token(), changed)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.serviceId").value("s-cut"))
        .andExpect(jsonPath("$.name").value("Cut XL"))
        .andExpect(jsonPath("$.durationMinutes").value(120))
        .andExpect(jsonPath("$.slotIntervalMinutes").value(120))
        .andExpect(jsonPath("$.active").value(true))
        .andExpect(jsonPath("$.price").doesNotExist());
    api.perform(HttpMethod.DELETE, one, owner.token(), null).andExpect(status().isNoContent());
    assertThat(platform.commands())
        .containsExactly(
            new ChangeServiceCommand(
                PROVIDER, "s-cut", changedService.definition(), owner.actor(), START),
            new DeactivateServiceCommand(PROVIDER, "s-cut", owner.actor(), START));

    // a service the read model does not list
    api.perform(
            HttpMethod.PUT,
            "/api/v1/providers/" + PROVIDER + "/services/s-gone",
            owner.token(),
            changed)
        .andExpect(status().isNotFound());
    platform.on(ChangeServiceCommand.class).refuse(RefusalCode.INVALID_STATE);
    api.perform(HttpMethod.PUT, one, owner.token(), changed)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("INVALID_STATE"));
  }

  @Test
  void serviceSettingsOutsideTheLimitsAre400NamingTheField() throws Exception {
    String services = "/api/v1/providers/" + PROVIDER + "/services";
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
      api.perform(HttpMethod.POST, services, owner.token(), bad[0])
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
          .andExpect(jsonPath("$.errors[0].field").value(bad[1]));
    }
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void theOwnerSetsWhenCustomersAreRemindedAndReadsItBack() throws Exception {
    platform.on(AddServiceCommand.class).succeed();
    platform.on(ChangeServiceCommand.class).succeed();
    String services = "/api/v1/providers/" + PROVIDER + "/services";
    api.perform(
            HttpMethod.POST,
            services,
            owner.token(),
            "{\"name\":\"Cut\",\"durationMinutes\":60,\"reminderMinutes\":[30]}")
        .andExpect(status().isCreated());
    api.perform(
            HttpMethod.POST,
            services,
            owner.token(),
            "{\"name\":\"Cut\",\"durationMinutes\":60,\"reminderMinutes\":[]}")
        .andExpect(status().isCreated());
    api.perform(HttpMethod.POST, services, owner.token(), SERVICE).andExpect(status().isCreated());
    assertThat(platform.sent(AddServiceCommand.class))
        .extracting(command -> command.definition().reminderMinutes())
        .containsExactly(List.of(30), List.of(), List.of(1_440, 60));

    ServiceView reminding =
        new ServiceView(
            "s-cut",
            new ServiceDefinition(
                "Cut", SlotSettings.withDefaults(60), null, 0, false, List.of(2_880, 15)),
            true);
    platform
        .on(new FindServicesQuery(PROVIDER, false))
        .answer(new ServiceList(PROVIDER, List.of(reminding)));
    api.perform(
            HttpMethod.PUT,
            services + "/s-cut",
            owner.token(),
            "{\"name\":\"Cut\",\"durationMinutes\":60,\"reminderMinutes\":[2880,15]}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.reminderMinutes[0]").value(2880))
        .andExpect(jsonPath("$.reminderMinutes[1]").value(15))
        .andExpect(jsonPath("$.reminderMinutes.length()").value(2));
    assertThat(platform.sent(ChangeServiceCommand.class).get(0).definition())
        .isEqualTo(reminding.definition());
  }

  @Test
  void reminderMinutesOutsideTheRulesAre400NamingTheField() throws Exception {
    String services = "/api/v1/providers/" + PROVIDER + "/services";
    for (String bad :
        new String[] {
          "[4]",
          "[43201]",
          "[-60]",
          "[60,1440,60]",
          "[10,20,30,40,50,60]",
          "[60,null]",
          "[\"soon\"]",
          "\"1440\"",
          "{\"minutes\":60}"
        }) {
      api.perform(
              HttpMethod.POST,
              services,
              owner.token(),
              "{\"name\":\"X\",\"durationMinutes\":30,\"reminderMinutes\":" + bad + "}")
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.status").value(400))
          .andExpect(jsonPath("$.errors[0].field").value(startsWith("reminderMinutes")));
    }
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void onlyTheOwnerReplacesTheScheduleAndAnyoneReadsItAsStored() throws Exception {
    platform.on(ReplaceScheduleCommand.class).succeed();
    List<WeeklyHours> weekly =
        List.of(
            WeeklyHours.of(DayOfWeek.MONDAY, "09:00", "17:00"),
            WeeklyHours.of(DayOfWeek.FRIDAY, "22:00", "24:00"));
    List<DateOverride> overrides =
        List.of(
            DateOverride.open(LocalDate.parse("2026-12-24"), TimeInterval.of("09:00", "12:00")),
            DateOverride.closed(LocalDate.parse("2026-12-25")));
    platform
        .on(new FindScheduleQuery(PROVIDER))
        .answer(new ScheduleView(PROVIDER, BERLIN, weekly, overrides));
    String path = "/api/v1/providers/" + PROVIDER + "/availability";
    String schedule =
        "{\"weekly\":[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"17:00\"},"
            + "{\"day\":\"FRIDAY\",\"start\":\"22:00\",\"end\":\"24:00\"}],"
            + "\"overrides\":[{\"date\":\"2026-12-24\",\"intervals\":[{\"start\":\"09:00\","
            + "\"end\":\"12:00\"}]},{\"date\":\"2026-12-25\",\"intervals\":[]}]}";

    api.perform(HttpMethod.PUT, path, null, schedule).andExpect(status().isUnauthorized());
    api.perform(HttpMethod.PUT, path, stranger.token(), schedule).andExpect(status().isForbidden());
    assertThat(platform.commands()).isEmpty();
    api.perform(HttpMethod.PUT, path, owner.token(), schedule)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.weekly[1].end").value("24:00"));
    assertThat(platform.onlySent(ReplaceScheduleCommand.class))
        .isEqualTo(new ReplaceScheduleCommand(PROVIDER, weekly, overrides, owner.actor(), START));
    api.perform(HttpMethod.PUT, path, owner.token(), "{}").andExpect(status().isOk());
    assertThat(platform.sent(ReplaceScheduleCommand.class).get(1))
        .as("absent lists are empty")
        .isEqualTo(
            new ReplaceScheduleCommand(PROVIDER, List.of(), List.of(), owner.actor(), START));

    api.perform(HttpMethod.GET, path, null, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.providerId").value(PROVIDER))
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
    platform.on(new FindScheduleQuery("nobody")).answerNothing();
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/availability", null, null)
        .andExpect(status().isNotFound());
  }

  @Test
  void overlappingIntervalsOfOneDayAre400SayingWhich() throws Exception {
    String path = "/api/v1/providers/" + PROVIDER + "/availability";
    api.perform(
            HttpMethod.PUT,
            path,
            owner.token(),
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
            owner.token(),
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
      api.perform(HttpMethod.PUT, path, owner.token(), bad)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
    assertThat(platform.commands()).isEmpty();
  }

  @Test
  void anyoneGetsTheQrCodeOfTheBookingUrl() throws Exception {
    String slug = salon.slug();
    platform.on(new FindProviderQuery(slug)).answer(salon);
    platform.on(new FindProviderQuery("nobody")).answerNothing();
    byte[] png =
        api.perform(HttpMethod.GET, "/api/v1/providers/" + PROVIDER + "/qr?size=300", null, null)
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
      api.perform(HttpMethod.GET, "/api/v1/providers/" + PROVIDER + "/qr" + bad, null, null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
    api.perform(HttpMethod.GET, "/api/v1/providers/nobody/qr", null, null)
        .andExpect(status().isNotFound());
  }
}

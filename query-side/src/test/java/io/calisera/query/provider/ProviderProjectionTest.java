package io.calisera.query.provider;

import static io.calisera.query.support.Events.aProviderCreated;
import static io.calisera.query.support.Events.aServiceAdded;
import static io.calisera.query.support.Events.aZoneChange;
import static io.calisera.query.support.Events.openWeekdaysNineToFive;
import static io.calisera.query.support.Events.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.Money;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.SlotSettings;
import io.calisera.api.schedule.TimeInterval;
import io.calisera.query.support.Events;
import io.calisera.query.support.ReadModels;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderProjectionTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  final ReadModels readModels = new ReadModels();

  {
    var projection = new ProviderProjection(readModels.mongo());
    projection.afterSingletonsInstantiated();
    readModels.register(projection);
  }

  @AfterEach
  void stop() {
    readModels.close();
  }

  Optional<ProviderView> find(String idOrSlug) {
    return readModels
        .queries()
        .query(
            new FindProviderQuery(idOrSlug), ResponseTypes.optionalInstanceOf(ProviderView.class))
        .join();
  }

  ProviderPage search(String text, String category, String city, int page, int size) {
    return readModels
        .queries()
        .query(
            new SearchProvidersQuery(text, category, city, page, size),
            ResponseTypes.instanceOf(ProviderPage.class))
        .join();
  }

  ServiceList services(String providerId, boolean activeOnly) {
    return readModels
        .queries()
        .query(
            new FindServicesQuery(providerId, activeOnly),
            ResponseTypes.instanceOf(ServiceList.class))
        .join();
  }

  @Test
  void aProviderIsFoundByIdAndBySlugWithEveryService() {
    readModels.given(
        aProviderCreated("p1", "Zoë's Salon", "zoes-salon", BERLIN),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(30)),
        aServiceAdded("p1", "s2", SlotSettings.withDefaults(60)),
        new ServiceDeactivatedEvent("p1", "s2", Events.OWNER, Events.AT));

    ProviderView view = find("zoes-salon").orElseThrow();
    assertThat(find("p1")).contains(view);
    assertThat(view.displayName()).isEqualTo("Zoë's Salon");
    assertThat(view.timeZone()).isEqualTo(BERLIN);
    assertThat(view.ownerAccountId()).isEqualTo(Events.OWNER);
    assertThat(view.services())
        .extracting(ServiceView::serviceId, ServiceView::active)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s1", true),
            org.assertj.core.groups.Tuple.tuple("s2", false));
    assertThat(view.services().get(0).definition().price())
        .isEqualTo(new Money(new BigDecimal("45.00"), "EUR"));
    assertThat(find("nobody")).isEmpty();
  }

  @Test
  void aProfileUpdateChangesSlugNameAndZone() {
    var created = aProviderCreated("p1", "Salon", "salon", BERLIN);
    readModels.given(
        created,
        new ProviderProfileUpdatedEvent(
            "p1",
            "Salon Neu",
            "salon-neu",
            ZoneId.of("Europe/Vienna"),
            null,
            "barber",
            "Wien",
            Events.OWNER,
            Events.AT));

    assertThat(find("salon")).isEmpty();
    ProviderView view = find("salon-neu").orElseThrow();
    assertThat(view.displayName()).isEqualTo("Salon Neu");
    assertThat(view.timeZone()).isEqualTo(ZoneId.of("Europe/Vienna"));
    assertThat(view.bio()).isNull();
    assertThat(search(null, "barber", "wien", 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .containsExactly("p1");
  }

  @Test
  void servicesAreListedActiveOnlyOrAllAndChangesReplaceTheDefinition() {
    readModels.given(
        aProviderCreated("p1", BERLIN),
        aServiceAdded("p1", "s1", SlotSettings.withDefaults(30)),
        aServiceAdded("p1", "s2", SlotSettings.withDefaults(60)),
        new ServiceChangedEvent(
            "p1",
            "s1",
            new ServiceDefinition(
                "Cut", SlotSettings.withDefaults(45).withBuffers(5, 10), null, 0, true, null),
            Events.OWNER,
            Events.AT),
        new ServiceDeactivatedEvent("p1", "s2", Events.OWNER, Events.AT));

    assertThat(services("p1", true).services())
        .singleElement()
        .satisfies(
            service -> {
              assertThat(service.serviceId()).isEqualTo("s1");
              assertThat(service.definition())
                  .isEqualTo(
                      new ServiceDefinition(
                          "Cut",
                          SlotSettings.withDefaults(45).withBuffers(5, 10),
                          null,
                          0,
                          true,
                          null));
            });
    assertThat(services("p1", false).services()).hasSize(2);
    assertThat(services("nobody", false)).isEqualTo(new ServiceList("nobody", java.util.List.of()));
  }

  @Test
  void theScheduleIsAnsweredAsStoredWithTheProvidersZone() {
    var weekly = openWeekdaysNineToFive("p1");
    var overrides =
        new DateOverride[] {
          DateOverride.open(LocalDate.of(2026, 12, 24), TimeInterval.of("09:00", "12:00")),
          DateOverride.open(LocalDate.of(2026, 12, 31), TimeInterval.of("22:00", "24:00")),
          DateOverride.closed(LocalDate.of(2026, 12, 25))
        };
    readModels.given(aProviderCreated("p1", BERLIN), withOverrides(weekly, overrides));
    var created = aProviderCreated("p1", BERLIN);
    readModels.given(aZoneChange(created, ZoneId.of("Asia/Tokyo")));

    ScheduleView schedule =
        readModels
            .queries()
            .query(
                new FindScheduleQuery("p1"), ResponseTypes.optionalInstanceOf(ScheduleView.class))
            .join()
            .orElseThrow();

    assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(schedule.weekly()).isEqualTo(weekly.weekly());
    assertThat(schedule.overrides()).containsExactlyInAnyOrder(overrides);
  }

  @Test
  void theDirectoryFindsTextInNameBioCategoryOrCityCaseInsensitivelySortedByName() {
    readModels.given(
        aProviderCreated("p1", "Zebra Cuts", "zebra", BERLIN),
        aProviderCreated("p2", "alpha coaching", "alpha", BERLIN),
        aProviderCreated("p3", "Mid (Yoga) Studio", "mid", BERLIN),
        new ProviderProfileUpdatedEvent(
            "p2",
            "alpha coaching",
            null,
            BERLIN,
            "Coaching in Hamburg",
            "coach",
            "Hamburg",
            Events.OWNER,
            Events.AT));

    assertThat(search(null, null, null, 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .containsExactly("p2", "p3", "p1");
    assertThat(search("CUTS", null, null, 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .containsExactly("p1");
    assertThat(search("hamburg", null, null, 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .containsExactly("p2");
    assertThat(search("bio of", null, null, 0, 10).total()).isEqualTo(2);
    assertThat(search("(yoga)", null, null, 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .as("regex characters are taken literally")
        .containsExactly("p3");
    assertThat(search(null, "HAIR", "berlin", 0, 10).items())
        .extracting(ProviderSummary::providerId)
        .containsExactly("p3", "p1");
    assertThat(search(null, "hai", null, 0, 10).items())
        .as("category is matched exactly")
        .isEmpty();

    ProviderPage second = search(null, null, null, 1, 2);
    assertThat(second.items()).extracting(ProviderSummary::providerId).containsExactly("p1");
    assertThat(second.total()).isEqualTo(3);
    assertThat(second.page()).isEqualTo(1);
    assertThat(second.size()).isEqualTo(2);
  }

  @Test
  void anAccountsOwnProvidersAreFoundSortedByNameAndNoOneElses() {
    readModels.given(
        aProviderCreated("p1", "Zebra Cuts", "zebra", BERLIN),
        aProviderCreated("p2", "alpha coaching", "alpha", BERLIN),
        new ProviderCreatedEvent(
            "p3",
            "someone-else",
            "Other",
            "other",
            BERLIN,
            null,
            null,
            null,
            "someone-else",
            Events.AT));

    ProviderPage own =
        readModels
            .queries()
            .query(
                new FindOwnedProvidersQuery(Events.OWNER),
                ResponseTypes.instanceOf(ProviderPage.class))
            .join();
    assertThat(own.items()).extracting(ProviderSummary::providerId).containsExactly("p2", "p1");
    assertThat(own.total()).isEqualTo(2);
    assertThat(
            readModels
                .queries()
                .query(
                    new FindOwnedProvidersQuery("nobody"),
                    ResponseTypes.instanceOf(ProviderPage.class))
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void eventsDeliveredAgainChangeNothing() {
    var created = aProviderCreated("p1", BERLIN);
    var added = aServiceAdded("p1", "s1", SlotSettings.withDefaults(30));
    readModels.given(
        created, added, new ServiceDeactivatedEvent("p1", "s1", Events.OWNER, Events.AT));
    var before = readModels.snapshot();

    readModels.redeliver(0, created);
    readModels.redeliver(1, added);

    assertThat(readModels.snapshot()).isEqualTo(before);
  }
}

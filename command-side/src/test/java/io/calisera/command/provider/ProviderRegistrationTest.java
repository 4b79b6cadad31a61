package io.calisera.command.provider;

import static io.calisera.command.provider.Calendars.BERLIN;
import static io.calisera.command.provider.Calendars.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.account.RegisterAccountCommand;
import io.calisera.api.account.RolesGrantedEvent;
import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.SlugClaimedEvent;
import io.calisera.api.provider.SlugReleasedEvent;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating providers and changing profiles: provider, slug claims and account in one append. */
class ProviderRegistrationTest {

  private static final Actor ANNA = Actor.account("acc-anna", Set.of(Role.CUSTOMER));
  private static final Actor BEN = Actor.account("acc-ben", Set.of(Role.CUSTOMER));

  private final InMemoryCommandSide commandSide = new InMemoryCommandSide();

  @AfterEach
  void close() {
    commandSide.close();
  }

  private void registered(Actor person) {
    commandSide.send(
        new RegisterAccountCommand(
            person.accountId(),
            person.accountId() + "@example.com",
            person.accountId(),
            person.roles(),
            Actor.SYSTEM,
            NOW));
  }

  private static CreateProviderCommand create(
      String providerId, String name, String slug, Actor by) {
    return new CreateProviderCommand(
        providerId, name, slug, BERLIN, null, "hair", "Berlin", by, NOW);
  }

  private static UpdateProviderProfileCommand rename(String providerId, String slug, Actor by) {
    return new UpdateProviderProfileCommand(
        providerId, "Anna's Hair", slug, BERLIN, "since 2010", "hair", "Berlin", by, NOW);
  }

  private static void assertRefused(ThrowingCallable call, RefusalCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal().code()).isEqualTo(code));
  }

  @Test
  void creatingAProviderClaimsItsSlugAndMakesItsOwnerAProviderInOneAppend() {
    registered(ANNA);
    int before = commandSide.events().size();

    String slug = commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));

    assertThat(slug).isEqualTo("salon-anna");
    assertThat(commandSide.events().subList(before, commandSide.events().size()))
        .containsExactly(
            new ProviderCreatedEvent(
                "p1",
                ANNA.accountId(),
                "Salon Anna",
                "salon-anna",
                BERLIN,
                null,
                "hair",
                "Berlin",
                ANNA.accountId(),
                NOW),
            new SlugClaimedEvent("salon-anna", "p1", ANNA.accountId(), NOW),
            new RolesGrantedEvent(ANNA.accountId(), Set.of(Role.PROVIDER), ANNA.accountId(), NOW));
    assertThat(commandSide.eventsOf(SlugClaim.idOf("salon-anna"))).hasSize(1);
  }

  @Test
  void cannotTakeASlugThatIsTakenAndNothingIsStored() {
    registered(ANNA);
    registered(BEN);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));
    int before = commandSide.events().size();

    assertRefused(
        () -> commandSide.send(create("p2", "Ben's Barbers", "salon-anna", BEN)),
        RefusalCode.SLUG_TAKEN);
    assertThat(commandSide.events()).hasSize(before);
    assertThat(commandSide.eventsOf("p2")).isEmpty();
  }

  @Test
  void withoutASlugOneIsDerivedFromTheName() {
    registered(ANNA);

    String slug = commandSide.send(create("p1", "Zoë's Café", null, ANNA));

    assertThat(slug).isEqualTo("zoe-s-cafe");
    assertThat(commandSide.eventsOf("p1"))
        .singleElement()
        .isInstanceOfSatisfying(
            ProviderCreatedEvent.class, e -> assertThat(e.slug()).isEqualTo("zoe-s-cafe"));
  }

  @Test
  void aDerivedSlugTakesTheFirstFreeVariant() {
    registered(ANNA);
    registered(BEN);
    commandSide.send(create("p1", "Salon", null, ANNA));
    commandSide.send(create("p2", "Salon", "salon-2", ANNA));

    String slug = commandSide.send(create("p3", "Salon", null, BEN));

    assertThat(slug).isEqualTo("salon-3");
  }

  @Test
  void anOwnerWhoIsAlreadyAProviderGainsNoRoleAgain() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", null, ANNA));
    int before = commandSide.events().size();

    commandSide.send(create("p2", "Salon Anna Mitte", null, ANNA));

    assertThat(commandSide.events().subList(before, commandSide.events().size()))
        .hasSize(2)
        .noneMatch(RolesGrantedEvent.class::isInstance);
  }

  @Test
  void creatingAProviderForAnUnregisteredAccountIsRefusedAndStoresNothing() {
    assertRefused(
        () -> commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA)),
        RefusalCode.NOT_FOUND);
    assertThat(commandSide.events()).isEmpty();
  }

  @Test
  void aGuestCannotCreateAProvider() {
    assertRefused(
        () -> commandSide.send(create("p1", "Salon Anna", "salon-anna", Actor.GUEST)),
        RefusalCode.FORBIDDEN);
  }

  @Test
  void creatingTheSameProviderTwiceIsRefused() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));

    assertRefused(
        () -> commandSide.send(create("p1", "Salon Anna", "anna-2", ANNA)),
        RefusalCode.INVALID_STATE);
    assertThat(commandSide.eventsOf(SlugClaim.idOf("anna-2"))).isEmpty();
  }

  @Test
  void aSlugThatLooksLikeAnotherAggregatesIdCannotReachItsStream() {
    registered(ANNA);
    registered(BEN);
    String providerId = "2b9e6c1d-0a4f-4c3b-9e8d-7f6a5b4c3d2e";
    commandSide.send(create(providerId, "Salon Anna", "salon-anna", ANNA));

    commandSide.send(create("p2", "Ben's Barbers", providerId, BEN));

    assertThat(commandSide.eventsOf(providerId))
        .singleElement()
        .isInstanceOf(ProviderCreatedEvent.class);
  }

  @Test
  void changingTheSlugClaimsTheNewOneAndReleasesTheOld() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));
    int before = commandSide.events().size();

    String slug = commandSide.send(rename("p1", "annas-hair", ANNA));

    assertThat(slug).isEqualTo("annas-hair");
    assertThat(commandSide.events().subList(before, commandSide.events().size()))
        .containsExactly(
            new SlugClaimedEvent("annas-hair", "p1", ANNA.accountId(), NOW),
            new SlugReleasedEvent("salon-anna", "p1", ANNA.accountId(), NOW),
            new ProviderProfileUpdatedEvent(
                "p1",
                "Anna's Hair",
                "annas-hair",
                BERLIN,
                "since 2010",
                "hair",
                "Berlin",
                ANNA.accountId(),
                NOW));
  }

  @Test
  void aReleasedSlugCanBeClaimedByAnotherProvider() {
    registered(ANNA);
    registered(BEN);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));
    commandSide.send(rename("p1", "annas-hair", ANNA));

    String slug = commandSide.send(create("p2", "Salon Anna", "salon-anna", BEN));

    assertThat(slug).isEqualTo("salon-anna");
    assertThat(commandSide.eventsOf(SlugClaim.idOf("salon-anna")))
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("SlugClaimedEvent", "SlugReleasedEvent", "SlugClaimedEvent");
  }

  @Test
  void cannotChangeToASlugThatIsTaken() {
    registered(ANNA);
    registered(BEN);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));
    commandSide.send(create("p2", "Ben's Barbers", "bens-barbers", BEN));

    assertRefused(
        () -> commandSide.send(rename("p1", "bens-barbers", ANNA)), RefusalCode.SLUG_TAKEN);
    assertThat(commandSide.eventsOf("p1")).hasSize(1);
  }

  @Test
  void keepingTheSlugTouchesNoClaim() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));

    String slug =
        commandSide.send(
            new UpdateProviderProfileCommand(
                "p1",
                "Salon Anna",
                null,
                ZoneId.of("Europe/Vienna"),
                null,
                "hair",
                "Vienna",
                ANNA,
                NOW));

    assertThat(slug).isEqualTo("salon-anna");
    assertThat(commandSide.eventsOf(SlugClaim.idOf("salon-anna"))).hasSize(1);
    assertThat(commandSide.eventsOf("p1")).hasSize(2);
  }

  @Test
  void onlyTheOwnerChangesTheProfile() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));

    assertRefused(() -> commandSide.send(rename("p1", "bens-now", BEN)), RefusalCode.FORBIDDEN);
    assertThat(commandSide.eventsOf(SlugClaim.idOf("bens-now"))).isEmpty();
  }

  @Test
  void changingTheProfileOfAnUnknownProviderIsNotFound() {
    assertRefused(() -> commandSide.send(rename("p9", null, ANNA)), RefusalCode.NOT_FOUND);
  }

  @Test
  void eventsOfOneCommandAreOnlyThoseListed() {
    registered(ANNA);
    commandSide.send(create("p1", "Salon Anna", "salon-anna", ANNA));
    assertThat(commandSide.events())
        .extracting(e -> e.getClass().getSimpleName())
        .isEqualTo(
            List.of(
                "AccountRegisteredEvent",
                "ProviderCreatedEvent",
                "SlugClaimedEvent",
                "RolesGrantedEvent"));
  }
}

package io.calisera.command.provider;

import io.calisera.api.common.Actor;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.Slugs;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.command.account.AccountRoles;
import io.calisera.command.common.Authority;
import io.calisera.command.common.DomainComponent;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Creates providers and changes their profiles: the commands that touch a provider, its slug claims
 * and (on creation) its owner's account. All of a command's events are stored by one atomic append,
 * so a provider never exists without its slug, nor a slug claim without its provider.
 *
 * <p>Two providers racing for one slug on different instances both append to the same claim; the
 * event store lets one through and the other fails with a sequence conflict, and on its retry it
 * finds the slug taken.
 */
@DomainComponent
final class ProviderRegistration {

  /** How many numbered variants of a derived slug to try before falling back to the id. */
  static final int DERIVED_SLUG_VARIANTS = 20;

  private final Repository<Provider> providers;
  private final Repository<SlugClaim> claims;
  private final AccountRoles accountRoles;

  ProviderRegistration(
      Repository<Provider> providers, Repository<SlugClaim> claims, AccountRoles accountRoles) {
    this.providers = providers;
    this.claims = claims;
    this.accountRoles = accountRoles;
  }

  /**
   * Creates the provider, owned by the actor, who gains {@code PROVIDER}; answers with its slug
   * (derived from the display name when the command names none).
   */
  @CommandHandler
  String handle(CreateProviderCommand command) throws Exception {
    Actor actor = command.actor();
    if (!Authority.isPerson(actor)) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "only a signed-in person owns a provider");
    }
    if (exists(command.providerId())) {
      throw RefusedException.of(
          RefusalCode.INVALID_STATE, "provider " + command.providerId() + " already exists");
    }
    String slug =
        command.slug() != null
            ? command.slug()
            : freeDerivedSlug(command.displayName(), command.providerId());
    Optional<Aggregate<SlugClaim>> claim = freeClaim(slug, command.providerId());

    providers.newInstance(() -> new Provider(command, slug));
    claimSlug(claim, slug, command.providerId(), actor, command.at());
    accountRoles.grant(actor.accountId(), Set.of(Role.PROVIDER), actor, command.at());
    return slug;
  }

  /** Replaces the profile; a new slug is claimed and the old one released. Answers the slug. */
  @CommandHandler
  String handle(UpdateProviderProfileCommand command) throws Exception {
    Aggregate<Provider> provider = providers.load(command.providerId());
    String current = provider.invoke(p -> p.slugForProfileChangeBy(command.actor()));
    String slug = command.slug() == null ? current : command.slug();
    if (!slug.equals(current)) {
      Optional<Aggregate<SlugClaim>> claim = freeClaim(slug, command.providerId());
      claimSlug(claim, slug, command.providerId(), command.actor(), command.at());
      releaseSlug(current, command.providerId(), command.actor(), command.at());
    }
    provider.execute(p -> p.updateProfile(command, slug));
    return slug;
  }

  private boolean exists(String providerId) {
    try {
      providers.load(providerId);
      return true;
    } catch (AggregateNotFoundException e) {
      return false;
    }
  }

  /**
   * The stored claim of a slug that {@code providerId} may take (empty: never claimed); refuses
   * with {@code SLUG_TAKEN} when another provider holds it. Loading locks the claim until the end
   * of the unit of work.
   */
  private Optional<Aggregate<SlugClaim>> freeClaim(String slug, String providerId) {
    return findClaim(slug)
        .map(
            claim -> {
              if (claim.invoke(c -> c.isHeldByAnotherThan(providerId))) {
                throw RefusedException.of(RefusalCode.SLUG_TAKEN, "slug " + slug + " is taken");
              }
              return claim;
            });
  }

  /**
   * The first free one of the name's slug and its numbered variants, or else one made unique by the
   * provider's id. Which are free is decided again when the claim is stored.
   */
  private String freeDerivedSlug(String displayName, String providerId) {
    String base = Slugs.fromName(displayName);
    for (int n = 1; n <= DERIVED_SLUG_VARIANTS; n++) {
      String candidate = n == 1 ? base : Slugs.variant(base, n);
      if (isFree(candidate, providerId)) {
        return candidate;
      }
    }
    String fromId = head(providerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""), 12);
    String candidate = head(base, 40 - 1 - fromId.length()).replaceAll("-+$", "") + "-" + fromId;
    if (Slugs.isValid(candidate) && isFree(candidate, providerId)) {
      return candidate;
    }
    throw RefusedException.of(
        RefusalCode.SLUG_TAKEN, "no free slug could be derived from " + displayName);
  }

  private boolean isFree(String slug, String providerId) {
    return findClaim(slug).map(c -> !c.invoke(x -> x.isHeldByAnotherThan(providerId))).orElse(true);
  }

  private Optional<Aggregate<SlugClaim>> findClaim(String slug) {
    try {
      return Optional.of(claims.load(SlugClaim.idOf(slug)));
    } catch (AggregateNotFoundException e) {
      return Optional.empty();
    }
  }

  private void claimSlug(
      Optional<Aggregate<SlugClaim>> claim, String slug, String providerId, Actor actor, Instant at)
      throws Exception {
    if (claim.isPresent()) {
      claim.get().execute(c -> c.claim(slug, providerId, actor.accountId(), at));
    } else {
      claims.newInstance(() -> new SlugClaim(slug, providerId, actor.accountId(), at));
    }
  }

  private void releaseSlug(String slug, String providerId, Actor actor, Instant at) {
    findClaim(slug)
        .ifPresent(c -> c.execute(x -> x.release(slug, providerId, actor.accountId(), at)));
  }

  private static String head(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}

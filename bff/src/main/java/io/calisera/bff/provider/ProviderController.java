package io.calisera.bff.provider;

import io.calisera.api.common.Actor;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.bff.auth.Authenticated;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.auth.Public;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.Links;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Providers: creating one (the caller owns it), the directory, provider pages, profile changes. */
@RestController
@Tag(name = "Providers and services")
class ProviderController {

  private final CommandSender commands;
  private final QuerySender queries;
  private final ReadYourWrites readYourWrites;
  private final Owners owners;
  private final Links links;
  private final Clock clock;

  ProviderController(
      CommandSender commands,
      QuerySender queries,
      ReadYourWrites readYourWrites,
      Owners owners,
      Links links,
      Clock clock) {
    this.commands = commands;
    this.queries = queries;
    this.readYourWrites = readYourWrites;
    this.owners = owners;
    this.links = links;
    this.clock = clock;
  }

  /**
   * A provider's profile. Optional texts left out (or blank) are absent.
   *
   * @param slug {@code [a-z0-9-]{3,40}}; absent: derived from the name (on creation) or kept (on a
   *     change)
   */
  record ProfileRequest(
      @NotBlank @Size(max = 200) String displayName,
      @Pattern(regexp = "[a-z0-9-]{3,40}", message = "must match [a-z0-9-]{3,40}") String slug,
      @NotBlank @Size(max = 100) String timeZone,
      @Size(max = 4000) String bio,
      @Size(max = 100) String category,
      @Size(max = 100) String city) {}

  record ProviderCreated(String providerId, String slug, String bookingUrl) {}

  record ProviderItem(
      String providerId,
      String slug,
      String displayName,
      String category,
      String city,
      String timeZone,
      String bookingUrl) {}

  record ProviderSearchPage(List<ProviderItem> items, int page, int size, long total) {}

  record ProviderResponse(
      String providerId,
      String slug,
      String displayName,
      String bio,
      String category,
      String city,
      String timeZone,
      String bookingUrl,
      List<ServiceResponse> services) {}

  @Authenticated
  @PostMapping("/api/v1/providers")
  @Operation(
      summary = "Create a provider owned by the caller",
      description =
          "The caller becomes its owner and gains the PROVIDER role (shown in tokens after the"
              + " next refresh or login). Without a slug one is derived from the name; a taken"
              + " slug is 409 SLUG_TAKEN.")
  @ApiProblems({ProblemCode.SLUG_TAKEN, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<ProviderCreated> create(
      @Valid @RequestBody ProfileRequest request, @CurrentActor Actor actor) {
    String providerId = UUID.randomUUID().toString();
    String slug =
        commands.send(
            new CreateProviderCommand(
                providerId,
                request.displayName().trim(),
                request.slug(),
                WireFormats.parseZone(request.timeZone(), "timeZone"),
                optional(request.bio()),
                optional(request.category()),
                optional(request.city()),
                actor,
                clock.instant()));
    readYourWrites.awaitReadModels();
    return ResponseEntity.created(URI.create("/api/v1/providers/" + providerId))
        .body(new ProviderCreated(providerId, slug, links.bookingUrl(slug)));
  }

  @Public
  @RateLimited(RateLimit.DIRECTORY_SEARCH)
  @GetMapping("/api/v1/providers")
  @Operation(
      summary = "Search the directory",
      description =
          "Providers whose name, bio, category or city contain q (case-insensitive), of exactly"
              + " that category and city when given; sorted by name; page is zero-based.")
  @ApiProblems(ProblemCode.SERVICE_UNAVAILABLE)
  ProviderSearchPage search(
      @RequestParam(required = false) @Size(max = 200) String q,
      @RequestParam(required = false) @Size(max = 100) String category,
      @RequestParam(required = false) @Size(max = 100) String city,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(SearchProvidersQuery.MAX_PAGE_SIZE)
          int size) {
    ProviderPage found =
        queries.find(
            new SearchProvidersQuery(optional(q), optional(category), optional(city), page, size),
            ProviderPage.class);
    return new ProviderSearchPage(
        found.items().stream().map(this::item).toList(), found.page(), found.size(), found.total());
  }

  @Authenticated
  @GetMapping("/api/v1/me/providers")
  @Operation(
      summary = "The providers the caller owns",
      description =
          "Sorted by name, at most 100 (total says how many there are); none is an empty list."
              + " How an app finds the provider it manages after a sign-in on a new device.")
  @ApiProblems(ProblemCode.SERVICE_UNAVAILABLE)
  ProviderSearchPage own(@AuthenticationPrincipal Caller caller) {
    ProviderPage found =
        queries.find(new FindOwnedProvidersQuery(caller.accountId()), ProviderPage.class);
    return new ProviderSearchPage(
        found.items().stream().map(this::item).toList(), found.page(), found.size(), found.total());
  }

  @Public
  @GetMapping("/api/v1/providers/{providerIdOrSlug}")
  @Operation(summary = "A provider's page by id or slug, with its active services")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ProviderResponse provider(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerIdOrSlug) {
    return page(owners.provider(providerIdOrSlug));
  }

  @OwnerOnly
  @PutMapping("/api/v1/providers/{providerId}")
  @Operation(
      summary = "Replace the provider's profile",
      description =
          "A changed timeZone reinterprets the weekly hours in the new zone; existing bookings"
              + " keep their instants. Without a slug the current one stays. Answers the page.")
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SLUG_TAKEN, ProblemCode.SERVICE_UNAVAILABLE})
  ProviderResponse update(
      @Parameter(description = "the provider's id")
          @PathVariable
          @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
          String providerId,
      @Valid @RequestBody ProfileRequest request,
      @CurrentActor Actor actor) {
    commands.send(
        new UpdateProviderProfileCommand(
            providerId,
            request.displayName().trim(),
            request.slug(),
            WireFormats.parseZone(request.timeZone(), "timeZone"),
            optional(request.bio()),
            optional(request.category()),
            optional(request.city()),
            actor,
            clock.instant()));
    readYourWrites.awaitReadModels();
    return page(owners.provider(providerId));
  }

  private ProviderResponse page(ProviderView view) {
    return new ProviderResponse(
        view.providerId(),
        view.slug(),
        view.displayName(),
        view.bio(),
        view.category(),
        view.city(),
        view.timeZone().getId(),
        links.bookingUrl(view.slug()),
        view.services().stream().filter(s -> s.active()).map(ServiceResponse::of).toList());
  }

  private ProviderItem item(ProviderSummary summary) {
    return new ProviderItem(
        summary.providerId(),
        summary.slug(),
        summary.displayName(),
        summary.category(),
        summary.city(),
        summary.timeZone().getId(),
        links.bookingUrl(summary.slug()));
  }

  /** Optional texts: blank is absent. */
  static String optional(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

package io.calisera.bff.pages;

import static io.calisera.bff.pages.Html.esc;

import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.bff.BffProperties;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.auth.DevLoginCondition;
import io.calisera.bff.auth.Public;
import io.calisera.bff.auth.WebLogin;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.provider.Owners;
import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers' web pages (docs/api.md, "Web pages"): the directory ({@code /}), a provider's
 * booking page ({@code /p/{slug}}) and the page that manages one booking ({@code
 * /manage/{capability}}). Anyone may open them. They render what anyone may read through the public
 * API (the directory, a provider's page, the free slots: the same queries its endpoints ask) on the
 * server, in the zone the page names, so that they are usable before a script runs; everything that
 * changes something is done by the page's script through the public API ({@code /assets/}), with
 * the API's rules and authorization.
 */
@Controller
@Public
@Hidden
class PageController {

  /** How many days the date strip of a booking page offers (more through its date field). */
  static final int STRIP_DAYS = 14;

  private static final int DIRECTORY_PAGE_SIZE = 20;

  /**
   * A booking's capability as {@code BookingCapabilities} issues them: {@code <bookingId>.<mac>}.
   */
  private static final Pattern CAPABILITY = Pattern.compile(Ids.PATTERN + "\\.[A-Za-z0-9_-]{43}");

  private static final Pattern ID = Pattern.compile(Ids.PATTERN);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter WEEKDAY =
      DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_OF_MONTH =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  static final String SAME_ORIGIN = "same-origin";

  /** The manage pages' URL is the booking's secret: no other site may learn it. */
  static final String NO_REFERRER = "no-referrer";

  private final QuerySender queries;
  private final Owners owners;
  private final Clock clock;
  private final BffProperties properties;
  private final Environment environment;

  PageController(
      QuerySender queries,
      Owners owners,
      Clock clock,
      BffProperties properties,
      Environment environment) {
    this.queries = queries;
    this.owners = owners;
    this.clock = clock;
    this.properties = properties;
    this.environment = environment;
  }

  // ------------------------------------------------------------------------------ the directory

  @RateLimited(RateLimit.DIRECTORY_SEARCH)
  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> directory(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String city) {
    String text = optional(q);
    String cat = optional(category);
    String place = optional(city);
    if (tooLong(text, 200) || tooLong(cat, 100) || tooLong(place, 100)) {
      return Html.problem(
          HttpStatus.BAD_REQUEST,
          "Search too long",
          "Search with at most 200 characters for the name and 100 for category and city.",
          SAME_ORIGIN);
    }
    boolean searched = text != null || cat != null || place != null;
    StringBuilder main = new StringBuilder();
    main.append("<h1>Book an appointment</h1>")
        .append("<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">")
        .append(field("q", "Name or keyword", text, "search", "organization"))
        .append(field("category", "Category", cat, "text", "off"))
        .append(field("city", "City", place, "text", "address-level2"))
        .append("<button type=\"submit\">Search</button></form>");
    try {
      ProviderPage found =
          queries.find(
              new SearchProvidersQuery(text, cat, place, 0, DIRECTORY_PAGE_SIZE),
              ProviderPage.class);
      main.append("<section aria-labelledby=\"results-h\"><h2 id=\"results-h\">")
          .append(
              searched
                  ? found.total() + (found.total() == 1 ? " provider found" : " providers found")
                  : "Providers")
          .append("</h2>");
      if (found.items().isEmpty()) {
        main.append(
            "<p>No provider matches. Try fewer words, or leave category and city empty.</p>");
      } else {
        main.append("<ul class=\"providers\">");
        for (ProviderSummary provider : found.items()) {
          main.append("<li><a href=\"/p/")
              .append(esc(provider.slug()))
              .append("\"><strong>")
              .append(esc(provider.displayName()))
              .append("</strong><span>")
              .append(esc(joined(provider.category(), provider.city())))
              .append("</span></a></li>");
        }
        main.append("</ul>");
        if (found.total() > found.items().size()) {
          main.append("<p>Showing the first ")
              .append(found.items().size())
              .append(". Add words to narrow the search.</p>");
        }
      }
      main.append("</section>");
    } catch (ApiProblem problem) {
      return unavailable();
    }
    return Html.answer(
        HttpStatus.OK, Html.page("Find a provider", main.toString(), null), SAME_ORIGIN);
  }

  // ------------------------------------------------------------------------- the booking page

  @GetMapping(path = "/p/{slug}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> bookingPage(
      @PathVariable String slug,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String date,
      @RequestParam(required = false) String tz) {
    if (!ID.matcher(slug).matches()) {
      return notFoundProvider();
    }
    ProviderView provider;
    try {
      provider = owners.provider(slug);
    } catch (ApiProblem problem) {
      return problem.code() == ProblemCode.NOT_FOUND ? notFoundProvider() : unavailable();
    }
    ZoneId zone;
    LocalDate day;
    try {
      zone = tz == null || tz.isBlank() ? provider.timeZone() : WireFormats.parseZone(tz, "tz");
      day =
          date == null || date.isBlank()
              ? LocalDate.now(clock.withZone(zone))
              : WireFormats.requireCalendarDate(LocalDate.parse(date), "date");
    } catch (ApiProblem | DateTimeParseException bad) {
      return Html.problem(
          HttpStatus.BAD_REQUEST,
          "This link is not right",
          "Its date or time zone cannot be read. Open the provider's page again from its link.",
          SAME_ORIGIN);
    }
    List<ServiceView> services = provider.services().stream().filter(ServiceView::active).toList();
    ServiceView chosen =
        services.stream()
            .filter(s -> service == null || s.serviceId().equals(service))
            .findFirst()
            .orElse(null);
    if (chosen == null && service != null) {
      return Html.problem(
          HttpStatus.NOT_FOUND,
          "Service not offered",
          provider.displayName()
              + " does not offer this service (any more). Open their page again"
              + " to see what they offer.",
          SAME_ORIGIN);
    }
    AvailableSlots slots = null;
    if (chosen != null) {
      try {
        slots =
            queries.find(
                new FindAvailableSlotsQuery(
                    provider.providerId(), chosen.serviceId(), day, day, zone),
                AvailableSlots.class);
      } catch (ApiProblem problem) {
        return unavailable();
      }
    }
    String main = new BookingPage(provider, services, chosen, zone, day, slots).html();
    return Html.answer(
        HttpStatus.OK, Html.page(provider.displayName(), main, "book.js"), SAME_ORIGIN);
  }

  /** The booking page's HTML for one service, day and zone. */
  private final class BookingPage {
    private final ProviderView provider;
    private final List<ServiceView> services;
    private final ServiceView chosen;
    private final ZoneId zone;
    private final LocalDate day;
    private final AvailableSlots slots;

    BookingPage(
        ProviderView provider,
        List<ServiceView> services,
        ServiceView chosen,
        ZoneId zone,
        LocalDate day,
        AvailableSlots slots) {
      this.provider = provider;
      this.services = services;
      this.chosen = chosen;
      this.zone = zone;
      this.day = day;
      this.slots = slots;
    }

    String html() {
      StringBuilder out = new StringBuilder();
      out.append("<h1>").append(esc(provider.displayName())).append("</h1>");
      String about = joined(provider.category(), provider.city());
      if (!about.isEmpty()) {
        out.append("<p class=\"meta\">").append(esc(about)).append("</p>");
      }
      if (provider.bio() != null) {
        out.append("<p class=\"bio\">").append(esc(provider.bio())).append("</p>");
      }
      if (chosen == null) {
        return out.append("<p>")
            .append(esc(provider.displayName()))
            .append(" offers nothing to book at the moment.</p>")
            .toString();
      }
      services(out);
      when(out);
      form(out);
      return out.toString();
    }

    private void services(StringBuilder out) {
      out.append("<section aria-labelledby=\"services-h\"><h2 id=\"services-h\">Service</h2>")
          .append("<ul class=\"services\">");
      for (ServiceView service : services) {
        boolean current = service.serviceId().equals(chosen.serviceId());
        out.append("<li><a href=\"")
            .append(esc(link(service.serviceId(), day, zone)))
            .append("\"")
            .append(current ? " aria-current=\"page\"" : "")
            .append("><strong>")
            .append(esc(service.definition().name()))
            .append("</strong><span>")
            .append(esc(details(service)))
            .append("</span></a></li>");
      }
      out.append("</ul></section>");
    }

    private void when(StringBuilder out) {
      LocalDate today = LocalDate.now(clock.withZone(zone));
      out.append("<section aria-labelledby=\"when-h\"><h2 id=\"when-h\">Date</h2>")
          .append("<nav aria-label=\"Dates\" class=\"dates\"><ul>");
      for (int i = 0; i < STRIP_DAYS; i++) {
        LocalDate date = today.plusDays(i);
        out.append("<li><a href=\"")
            .append(esc(link(chosen.serviceId(), date, zone)))
            .append("\"")
            .append(date.equals(day) ? " aria-current=\"date\"" : "")
            .append("><span>")
            .append(date.format(WEEKDAY))
            .append("</span> ")
            .append(date.format(DAY_OF_MONTH))
            .append("</a></li>");
      }
      out.append("</ul></nav>")
          .append("<form class=\"inline\" method=\"get\" action=\"/p/")
          .append(esc(provider.slug()))
          .append("\">")
          .append(hidden("service", chosen.serviceId()))
          .append(hidden("tz", zone.getId()))
          .append("<label for=\"date\">Another date</label>")
          .append("<input type=\"date\" id=\"date\" name=\"date\" required min=\"")
          .append(today)
          .append("\" value=\"")
          .append(day)
          .append("\"><button type=\"submit\">Show</button></form>")
          .append("<form class=\"inline\" method=\"get\" action=\"/p/")
          .append(esc(provider.slug()))
          .append("\">")
          .append(hidden("service", chosen.serviceId()))
          .append(hidden("date", day.toString()))
          .append("<label for=\"tz\">Time zone</label>")
          .append("<select id=\"tz\" name=\"tz\">");
      // the script offers every zone the browser knows; without it, these
      for (String id :
          new LinkedHashSet<>(List.of(zone.getId(), provider.timeZone().getId(), "UTC"))) {
        out.append("<option value=\"")
            .append(esc(id))
            .append("\"")
            .append(id.equals(zone.getId()) ? " selected" : "")
            .append(">")
            .append(esc(id))
            .append("</option>");
      }
      out.append("</select><button type=\"submit\">Change</button></form></section>");
    }

    private void form(StringBuilder out) {
      out.append("<form id=\"book\" class=\"book\" novalidate data-provider=\"")
          .append(esc(provider.providerId()))
          .append("\" data-provider-name=\"")
          .append(esc(provider.displayName()))
          .append("\" data-service=\"")
          .append(esc(chosen.serviceId()))
          .append("\" data-service-name=\"")
          .append(esc(chosen.definition().name()))
          .append("\" data-date=\"")
          .append(day)
          .append("\" data-zone=\"")
          .append(esc(zone.getId()))
          .append("\"")
          .append("><fieldset><legend id=\"slots-legend\">Free times on ")
          .append(day.format(DAY))
          .append(" <span class=\"zone\">(")
          .append(esc(zone.getId()))
          .append(" time)</span></legend><div id=\"slots\">");
      if (slots.slots().isEmpty()) {
        out.append("<p class=\"empty\">No free times on this day. Please pick another date.</p>");
      } else {
        out.append("<ul class=\"slots\">");
        int i = 0;
        for (Slot slot : slots.slots()) {
          String value = WireFormats.instant(slot.start(), zone);
          out.append("<li><input type=\"radio\" name=\"start\" required id=\"slot-")
              .append(i)
              .append("\" value=\"")
              .append(esc(value))
              .append("\"><label for=\"slot-")
              .append(i++)
              .append("\">")
              .append(slot.start().atZone(zone).format(TIME))
              .append("</label></li>");
        }
        out.append("</ul>");
      }
      out.append("</div></fieldset>")
          .append("<p id=\"slot-news\" class=\"news\" role=\"alert\"></p>")
          .append("<fieldset><legend>Your details</legend>")
          .append(input("name", "Name", "text", "name", true, 200, null))
          .append(input("email", "Email", "email", "email", true, 254, null))
          .append(
              input(
                  "phone",
                  "Phone (optional)",
                  "tel",
                  "tel",
                  false,
                  40,
                  "With the country code, e.g. +49 170 1234567; for text reminders."))
          .append("</fieldset>")
          .append("<p id=\"book-news\" class=\"news\" role=\"alert\"></p>")
          .append("<button type=\"submit\" id=\"book-button\">Book</button>")
          .append(
              "<noscript><p>Booking needs JavaScript switched on in your browser.</p></noscript>")
          .append("</form>")
          .append("<section id=\"done\" class=\"done\" hidden tabindex=\"-1\"></section>");
    }

    private String link(String serviceId, LocalDate date, ZoneId zone) {
      return "/p/"
          + provider.slug()
          + "?service="
          + encode(serviceId)
          + "&date="
          + date
          + "&tz="
          + encode(zone.getId());
    }
  }

  // -------------------------------------------------------------------------- the manage page

  @GetMapping(path = "/manage/{capability}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> managePage(@PathVariable String capability) {
    if (!CAPABILITY.matcher(capability).matches()) {
      return Html.problem(
          HttpStatus.NOT_FOUND,
          "Booking link not found",
          "This link does not open a booking. Copy the whole link from your confirmation email"
              + " and try again.",
          NO_REFERRER);
    }
    String main =
        "<h1>Your booking</h1>"
            + "<div id=\"booking\" aria-live=\"polite\"><p>Loading your booking…</p></div>"
            + "<noscript><p>Managing a booking needs JavaScript switched on in your browser.</p>"
            + "</noscript>";
    return Html.answer(HttpStatus.OK, Html.page("Your booking", main, "manage.js"), NO_REFERRER);
  }

  // ------------------------------------------------------------------------------- my bookings

  /**
   * A signed-in customer's bookings (the page's script asks {@code /api/v1/me/bookings} with the
   * browser's session); signed out, the ways to sign in: the web login of each configured identity
   * provider, and the dev sign-in where dev-login is on.
   */
  @GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> account(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(name = "sign-in", required = false) String signIn,
      HttpServletRequest request) {
    StringBuilder main = new StringBuilder("<h1>My bookings</h1>");
    if (caller != null) {
      main.append("<p>Signed in as <strong>")
          .append(esc(caller.name()))
          .append("</strong> (")
          .append(esc(caller.email()))
          .append(")</p><div id=\"bookings\" aria-live=\"polite\"><p>Loading your bookings…</p>")
          .append("</div><p><button type=\"button\" class=\"secondary\" id=\"sign-out\">")
          .append("Sign out</button></p>")
          .append("<noscript><p>Your bookings need JavaScript switched on in your browser.</p>")
          .append("</noscript>");
      return Html.answer(
          HttpStatus.OK, Html.page("My bookings", main.toString(), "account.js"), SAME_ORIGIN);
    }
    main.append("<p>Sign in to see, move and cancel your bookings.</p>");
    String news =
        switch (signIn == null ? "" : signIn) {
          case "invalid" -> "Please enter your name and a valid email address.";
          case WebLogin.FAILED ->
              "Signing in did not succeed. Please try again, or sign in another way.";
          case WebLogin.NO_EMAIL ->
              "Your identity provider did not share your email address, which your confirmations"
                  + " go to. Allow it when you sign in, or sign in another way.";
          default -> null;
        };
    if (news != null) {
      main.append("<p class=\"news\" role=\"alert\">").append(esc(news)).append("</p>");
    }
    Html.webLoginButtons(properties)
        .forEach(button -> main.append("<p>").append(button).append("</p>"));
    if (DevLoginCondition.enabled(environment)) {
      CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      main.append("<form class=\"card search\" method=\"post\" action=\"/account/dev-sign-in\">")
          .append("<h2>Dev sign-in</h2><p>This platform runs for local use: anyone may sign in as")
          .append(" anyone here.</p>")
          .append(field("name", "Name", null, "text", "name"))
          .append(field("email", "Email", null, "email", "email"));
      if (csrf != null) {
        main.append(hidden(csrf.getParameterName(), csrf.getToken()));
      }
      main.append("<button type=\"submit\">Sign in</button></form>");
    }
    return Html.answer(HttpStatus.OK, Html.page("My bookings", main.toString(), null), SAME_ORIGIN);
  }

  // ------------------------------------------------------------------------------------ pieces

  private static ResponseEntity<String> notFoundProvider() {
    return Html.problem(
        HttpStatus.NOT_FOUND,
        "Provider not found",
        "There is no booking page at this address. Check the link, or search for the provider.",
        SAME_ORIGIN);
  }

  private static ResponseEntity<String> unavailable() {
    return Html.problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Please try again",
        "The booking service cannot be reached just now. Reload the page in a few seconds.",
        SAME_ORIGIN);
  }

  private static String details(ServiceView service) {
    var definition = service.definition();
    String text = definition.slots().durationMinutes() + " min";
    if (definition.price() != null) {
      text +=
          " · " + definition.price().amount().toPlainString() + " " + definition.price().currency();
    }
    return text;
  }

  private static String field(String name, String label, String value, String type, String auto) {
    return "<p><label for=\""
        + name
        + "\">"
        + label
        + "</label><input id=\""
        + name
        + "\" name=\""
        + name
        + "\" type=\""
        + type
        + "\" autocomplete=\""
        + auto
        + "\" value=\""
        + esc(value)
        + "\"></p>";
  }

  private static String input(
      String name, String label, String type, String auto, boolean required, int max, String hint) {
    return "<p><label for=\""
        + name
        + "\">"
        + label
        + "</label>"
        + (hint == null ? "" : "<span class=\"hint\" id=\"" + name + "-hint\">" + hint + "</span>")
        + "<input id=\""
        + name
        + "\" name=\""
        + name
        + "\" type=\""
        + type
        + "\" autocomplete=\""
        + auto
        + "\" maxlength=\""
        + max
        + "\""
        + (required ? " required" : "")
        + " aria-describedby=\""
        + (hint == null ? "" : name + "-hint ")
        + name
        + "-error\"><span class=\"error\" id=\""
        + name
        + "-error\"></span></p>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
  }

  private static String joined(String a, String b) {
    if (a == null) {
      return b == null ? "" : b;
    }
    return b == null ? a : a + " · " + b;
  }

  private static String optional(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static boolean tooLong(String text, int max) {
    return text != null && text.length() > max;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

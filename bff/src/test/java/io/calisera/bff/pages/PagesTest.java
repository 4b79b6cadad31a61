package io.calisera.bff.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.Slot;
import io.calisera.bff.testing.BffTest;
import io.calisera.bff.testing.StubPlatform;
import io.calisera.bff.testing.Views;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The web pages as the bff serves them, to anyone without a token: HTML with a strict
 * Content-Security-Policy, the manage pages without a referrer, the booking page rendered on the
 * server in the zone it names (before any script), and bad addresses as pages that say what to do.
 * What the pages do in a browser is {@code system-tests}' WebPagesIT.
 */
@BffTest
class PagesTest {

  private static final String CSP =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
          + " object-src 'none'";
  private static final String CAPABILITY = "b-1." + "A".repeat(43);

  @Autowired MockMvc mvc;
  @Autowired StubPlatform platform;

  private ProviderView salon() {
    return Views.aSalonInBerlin("p-1", "owner-1", Views.anHourCut("s-cut"));
  }

  private ResultActions page(String path) throws Exception {
    return mvc.perform(get(path).accept(MediaType.TEXT_HTML));
  }

  private static void strict(ResultActions result, String referrerPolicy) throws Exception {
    result
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
        .andExpect(header().string("Content-Security-Policy", CSP))
        .andExpect(header().string("Referrer-Policy", referrerPolicy))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"));
  }

  @Test
  void theBookingPageShowsTheDaysSlotsInTheZoneItNamesBeforeAnyScript() throws Exception {
    platform.on(new FindProviderQuery("salon-p-1")).answer(salon());
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    LocalDate day = LocalDate.parse("2026-06-02");
    platform
        .on(new FindAvailableSlotsQuery("p-1", "s-cut", day, day, tokyo))
        .answer(
            new AvailableSlots(
                "p-1",
                "s-cut",
                tokyo,
                List.of(
                    Slot.of(Views.TUESDAY_NINE, Duration.ofHours(1)),
                    Slot.of(Views.TUESDAY_NINE.plusSeconds(3600), Duration.ofHours(1)))));

    var result = page("/p/salon-p-1?date=2026-06-02&tz=Asia/Tokyo").andExpect(status().isOk());
    strict(result, "same-origin");
    String html = result.andReturn().getResponse().getContentAsString();
    // 09:00 in Berlin is 16:00 in Tokyo
    assertThat(html)
        .contains("<h1>Salon</h1>")
        .contains("Free times on Tuesday 2 June 2026 <span class=\"zone\">(Asia/Tokyo time)")
        .contains("value=\"2026-06-02T16:00:00+09:00\"><label for=\"slot-0\">16:00</label>")
        .contains("<label for=\"slot-1\">17:00</label>")
        .contains("<script type=\"module\" src=\"/assets/book.js\"></script>")
        .doesNotContain("style=")
        .doesNotContain("<script>");
  }

  @Test
  void withoutAZoneTheBookingPageNamesTheProvidersAndStartsToday() throws Exception {
    platform.on(new FindProviderQuery("salon-p-1")).answer(salon());
    LocalDate today = LocalDate.parse("2026-06-01"); // the test clock: 10:00 in Berlin
    platform
        .on(new FindAvailableSlotsQuery("p-1", "s-cut", today, today, Views.BERLIN))
        .answer(new AvailableSlots("p-1", "s-cut", Views.BERLIN, List.of()));

    String html =
        page("/p/salon-p-1")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("Free times on Monday 1 June 2026 <span class=\"zone\">(Europe/Berlin time)")
        .contains("No free times on this day")
        .contains("aria-current=\"date\"><span>Mon</span> 1 Jun");
  }

  @Test
  void textsOfTheProviderAreEscaped() throws Exception {
    ProviderView salon = salon();
    platform
        .on(new FindProviderQuery("salon-p-1"))
        .answer(
            new ProviderView(
                "p-1",
                "salon-p-1",
                "<script>alert(1)</script>",
                "\"><img src=x>",
                null,
                null,
                Views.BERLIN,
                "owner-1",
                salon.services()));
    platform
        .on(FindAvailableSlotsQuery.class)
        .answer(new AvailableSlots("p-1", "s-cut", Views.BERLIN, List.of()));

    String html =
        page("/p/salon-p-1")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<img");
  }

  @Test
  void anUnknownProviderIsA404Page() throws Exception {
    platform.on(new FindProviderQuery("nobody")).answerNothing();
    var result = page("/p/nobody").andExpect(status().isNotFound());
    strict(result, "same-origin");
    assertThat(result.andReturn().getResponse().getContentAsString())
        .contains("<h1>Provider not found</h1>")
        .contains("search for the provider");
    // not even asked: no provider has such a slug
    strict(page("/p/" + "a".repeat(101)).andExpect(status().isNotFound()), "same-origin");
  }

  @Test
  void aBadDateZoneOrServiceIsAPageThatSaysWhatToDo() throws Exception {
    platform.on(new FindProviderQuery("salon-p-1")).answer(salon());
    for (String query :
        List.of("?date=2026-02-30", "?date=tomorrow", "?date=1899-12-31", "?tz=Mars/Olympus")) {
      var result = page("/p/salon-p-1" + query).andExpect(status().isBadRequest());
      strict(result, "same-origin");
      assertThat(result.andReturn().getResponse().getContentAsString())
          .contains("Open the provider&#39;s page again");
    }
    assertThat(
            page("/p/salon-p-1?service=s-gone")
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("does not offer this service");
  }

  @Test
  void theManagePageSendsNoReferrer() throws Exception {
    strict(page("/manage/" + CAPABILITY).andExpect(status().isOk()), "no-referrer");
    for (String bad :
        List.of(
            "/manage/b-1", "/manage/b-1.short", "/manage/b-1." + "A".repeat(44), "/manage/.x")) {
      var result = page(bad).andExpect(status().isNotFound());
      strict(result, "no-referrer");
      assertThat(result.andReturn().getResponse().getContentAsString())
          .contains("This link does not open a booking");
    }
  }

  @Test
  void theDirectoryFindsProvidersAndLinksToTheirPages() throws Exception {
    platform
        .on(new SearchProvidersQuery("salon", null, "Berlin", 0, 20))
        .answer(
            new ProviderPage(
                List.of(
                    new ProviderSummary(
                        "p-1", "salon-p-1", "Salon", "Hair", "Berlin", Views.BERLIN)),
                0,
                20,
                1));
    var result = page("/?q=salon&city=Berlin&category=").andExpect(status().isOk());
    strict(result, "same-origin");
    assertThat(result.andReturn().getResponse().getContentAsString())
        .contains("1 provider found")
        .contains("<a href=\"/p/salon-p-1\"><strong>Salon</strong><span>Hair · Berlin</span></a>")
        .contains("value=\"salon\"")
        .doesNotContain("<script");

    assertThat(
            page("/?q=" + "x".repeat(201))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("at most 200 characters");
  }

  @Test
  void myBookingsOffersTheDevSignInWhichSignsTheBrowserIn() throws Exception {
    var signedOut = page("/account").andExpect(status().isOk());
    strict(signedOut, "same-origin");
    assertThat(signedOut.andReturn().getResponse().getContentAsString())
        .contains("action=\"/account/dev-sign-in\"")
        .contains("name=\"_csrf\"")
        .doesNotContain("account.js");

    mvc.perform(
            post("/account/dev-sign-in")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "Clara")
                .param("email", "not-an-email"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/account?sign-in=invalid"));
    assertThat(page("/account?sign-in=invalid").andReturn().getResponse().getContentAsString())
        .contains("Please enter your name and a valid email address.");
    // where a failed web login comes back to
    assertThat(page("/account?sign-in=failed").andReturn().getResponse().getContentAsString())
        .contains("Signing in did not succeed. Please try again, or sign in another way.");
    assertThat(page("/account?sign-in=no-email").andReturn().getResponse().getContentAsString())
        .contains("did not share your email address");
    for (String bad : List.of("<script>", "", "FAILED", "x".repeat(3000))) {
      String html =
          page("/account?sign-in=" + bad)
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(html).doesNotContain("class=\"news\"").doesNotContain("<script>");
    }

    mvc.perform(
            post("/account/dev-sign-in")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "Clara <b>")
                .param("email", "clara@example.com"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/account"));
    // the session it makes is WebPagesIT's (MockMvc does not carry Spring Session's cookie); the
    // page shows its caller as it shows a token's
    String token = io.calisera.bff.testing.Logins.devLogin(mvc, "clara@example.com").accessToken();
    var signedIn =
        mvc.perform(
                get("/account")
                    .header("Authorization", "Bearer " + token)
                    .accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk());
    strict(signedIn, "same-origin");
    assertThat(signedIn.andReturn().getResponse().getContentAsString())
        .contains("Signed in as <strong>")
        .contains("(clara@example.com)")
        .contains("<script type=\"module\" src=\"/assets/account.js\"></script>");
  }

  @Test
  void theAssetsAreServedAndNothingElseIs() throws Exception {
    mvc.perform(get("/assets/book.js"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/javascript"));
    mvc.perform(get("/assets/calisera.css"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/css"));
    mvc.perform(get("/assets/nothing.js")).andExpect(status().isNotFound());
    mvc.perform(get("/application.yml")).andExpect(status().isNotFound());
    mvc.perform(get("/assets/../application.yml")).andExpect(status().is4xxClientError());
  }
}

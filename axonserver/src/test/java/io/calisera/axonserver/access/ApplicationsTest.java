package io.calisera.axonserver.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationsTest {

  private static final String BFF_TOKEN = "bff-token";
  private static final String QUERY_TOKEN = "query-side-token";

  @TempDir Path folder;

  @Test
  void aTokenNamesItsApplicationWithItsRights() {
    Applications applications =
        Applications.parse(
            List.of(
                "# name hash rights",
                "",
                line("bff", BFF_TOKEN, "dispatch-commands,ask-queries,act-for-people"),
                "  " + line("query-side", QUERY_TOKEN, "read-events,answer-queries") + "  "),
            "test");

    Application bff = applications.authenticate(BFF_TOKEN).orElseThrow();
    assertThat(bff.name()).isEqualTo("bff");
    assertThat(bff.rights())
        .containsExactlyInAnyOrder(
            Right.DISPATCH_COMMANDS, Right.ASK_QUERIES, Right.ACT_FOR_PEOPLE);
    assertThat(bff.rightNames()).isEqualTo("act-for-people,ask-queries,dispatch-commands");
    assertThat(applications.authenticate(QUERY_TOKEN).orElseThrow().name()).isEqualTo("query-side");
    assertThat(applications.size()).isEqualTo(2);
  }

  @Test
  void aTokenTheFileDoesNotListNamesNoApplication() {
    Applications applications =
        Applications.parse(List.of(line("bff", BFF_TOKEN, "ask-queries")), "test");

    assertThat(applications.authenticate("bff-token ")).isEmpty();
    assertThat(applications.authenticate(Applications.sha256Hex(BFF_TOKEN))).isEmpty();
    assertThat(applications.authenticate("")).isEmpty();
  }

  @Test
  void readingEventsIncludesReadingPositionsButNotTheOtherWayRound() {
    var reader = new Application("reader", Set.of(Right.READ_EVENTS));
    var waiter = new Application("waiter", Set.of(Right.READ_POSITIONS));

    assertThat(reader.may(Right.READ_POSITIONS)).isTrue();
    assertThat(waiter.may(Right.READ_POSITIONS)).isTrue();
    assertThat(waiter.may(Right.READ_EVENTS)).isFalse();
    assertThat(reader.may(Right.APPEND_EVENTS)).isFalse();
  }

  @Test
  void anUnknownRightStopsTheHubNamingTheLineAndTheRights() {
    assertThatThrownBy(
            () ->
                Applications.parse(
                    List.of("# header", line("bff", BFF_TOKEN, "dispatch-commands,act-for-all")),
                    "hub-applications"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hub-applications line 2")
        .hasMessageContaining("Unknown right 'act-for-all'")
        .hasMessageContaining("act-for-people");
  }

  @Test
  void aLineThatIsNotValidStopsTheHub() {
    String hash = Applications.sha256Hex(BFF_TOKEN);
    for (String bad :
        List.of(
            "bff " + hash,
            "bff " + hash + " ask-queries extra",
            "Bff " + hash + " ask-queries",
            "bff " + hash.toUpperCase() + " ask-queries",
            "bff " + hash.substring(1) + " ask-queries",
            "bff " + BFF_TOKEN + " ask-queries")) {
      assertThatThrownBy(() -> Applications.parse(List.of(bad), "test"))
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("test line 1");
    }
  }

  @Test
  void twoApplicationsCannotShareANameOrAToken() {
    assertThatThrownBy(
            () ->
                Applications.parse(
                    List.of(
                        line("bff", BFF_TOKEN, "ask-queries"),
                        line("bff", QUERY_TOKEN, "answer-queries")),
                    "test"))
        .hasMessageContaining("'bff' is listed twice");
    assertThatThrownBy(
            () ->
                Applications.parse(
                    List.of(
                        line("bff", BFF_TOKEN, "ask-queries"),
                        line("query-side", BFF_TOKEN, "answer-queries")),
                    "test"))
        .hasMessageContaining("'query-side' has the token of another application");
  }

  @Test
  void anEmptyOrMissingFileStopsTheHub() throws IOException {
    Path empty = Files.writeString(folder.resolve("empty"), "# nobody\n");
    assertThatThrownBy(() -> Applications.read(empty)).hasMessageContaining("lists no application");
    assertThatThrownBy(() -> Applications.read(folder.resolve("missing")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void theFileIsReadFromDisk() throws IOException {
    Path file = Files.writeString(folder.resolve("apps"), line("bff", BFF_TOKEN, "monitor") + "\n");

    assertThat(Applications.read(file).authenticate(BFF_TOKEN)).isPresent();
  }

  private static String line(String name, String token, String rights) {
    return name + " " + Applications.sha256Hex(token) + " " + rights;
  }
}

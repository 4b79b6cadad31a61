package io.calisera.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events are a database schema: each revision of each event has a JSON sample under {@code
 * events/<Name>.v<revision>.json}. The current revision's must keep reading into the event and
 * writing back the same JSON, so a renamed field, a typo or a changed type fails here before it
 * reaches a store; every earlier revision's must still read into the event, since stored events
 * keep their revision (an additive change reads its new fields as {@code null} from older ones; a
 * change that cannot would need an upcaster).
 */
class EventSamplesTest {

  private static final ObjectMapper JSON = MessageSerialization.objectMapper();

  static List<Class<?>> events() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Revision.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path api = Path.of(EventSamplesTest.class.getResource("/").toURI()).resolveSibling("classes");
    try (Stream<Path> files = Files.walk(api)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("Event.class"))
          .map(f -> api.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .sorted()
          .<Class<?>>map(EventSamplesTest::load)
          .filter(type -> !type.isInterface()) // BookingEvent: what events have in common
          .toList();
    }
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventHasARevisionAndASampleThatRoundTrips(Class<?> event) throws IOException {
    Revision revision = event.getAnnotation(Revision.class);
    assertThat(revision).as(event.getSimpleName() + " has @Revision").isNotNull();
    String sample = "/events/" + event.getSimpleName() + ".v" + revision.value() + ".json";
    try (InputStream in = EventSamplesTest.class.getResourceAsStream(sample)) {
      assertThat(in).as(sample + " exists").isNotNull();
      JsonNode stored = JSON.readTree(in);
      Object read = JSON.treeToValue(stored, event);
      JsonNode written = JSON.valueToTree(read);
      assertThat(written).as("written back unchanged").isEqualTo(stored);
      assertThat(JSON.treeToValue(written, event)).isEqualTo(read);
    }
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEarlierRevisionOfAnEventStillReads(Class<?> event) throws IOException {
    int current = Integer.parseInt(event.getAnnotation(Revision.class).value());
    for (int revision = 1; revision < current; revision++) {
      String sample = "/events/" + event.getSimpleName() + ".v" + revision + ".json";
      try (InputStream in = EventSamplesTest.class.getResourceAsStream(sample)) {
        assertThat(in).as(sample + " is kept").isNotNull();
        assertThat(JSON.readValue(in, event)).as(sample + " reads").isNotNull();
      }
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

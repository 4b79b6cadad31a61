package io.calisera.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventHandler;

/**
 * The wiring check of a projection: every event type it should handle is one of its annotated
 * handlers, and applying an event of that type (after a history that gives it something to change)
 * really changes the stored documents. A handler that lost its annotation, or a type that nobody
 * applies, fails here instead of silently.
 */
public final class Wiring {

  /** The history an event needs, and the event. */
  public record Case(List<Object> given, Object event) {

    public static Case of(Object event, Object... given) {
      return new Case(List.of(given), event);
    }
  }

  private Wiring() {}

  public static void assertEveryEventChangesTheReadModel(
      Supplier<ReadModels> readModels, Class<?> projection, List<Case> cases) {
    Map<Class<?>, Case> byType = new LinkedHashMap<>();
    cases.forEach(c -> byType.put(c.event().getClass(), c));
    assertThat(annotatedEventTypes(projection))
        .as("the event types %s handles", projection.getSimpleName())
        .isEqualTo(byType.keySet());

    byType.forEach(
        (type, wiringCase) -> {
          try (ReadModels models = readModels.get()) {
            assertThat(models.canHandle(type)).as("handles %s", type.getSimpleName()).isTrue();
            models.given(wiringCase.given().toArray());
            var before = models.snapshot();
            models.given(wiringCase.event());
            assertThat(models.snapshot())
                .as("%s changes the read model", type.getSimpleName())
                .isNotEqualTo(before);
          }
        });
  }

  private static Set<Class<?>> annotatedEventTypes(Class<?> projection) {
    return Arrays.stream(projection.getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(EventHandler.class))
        .map(Method::getParameterTypes)
        .map(parameters -> parameters[0])
        // a handler of a sealed interface (BookingEvent) handles each event that implements it
        .flatMap(
            type ->
                type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()) : Stream.of(type))
        .collect(Collectors.toSet());
  }
}

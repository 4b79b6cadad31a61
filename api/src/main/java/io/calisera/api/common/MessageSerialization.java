package io.calisera.api.common;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;

/**
 * The JSON form of every message, events included: what each service gives Axon's Jackson
 * serializer (as its {@code defaultAxonObjectMapper}), so that all of them read what the others
 * write. Instants as ISO-8601 text; decimals as text, which keeps their scale exactly ({@code
 * "45.00"}); unknown properties ignored, so that a newer writer's extra field does not break an
 * older reader. Fields are visible without getters, so that Axon can write and read aggregate
 * snapshots (aggregates keep their state in private fields); {@code isSomething()} methods are not,
 * since they only derive from fields ({@code DateOverride.isClosed()}).
 *
 * <p>This is the one place that knows Jackson: messages and aggregate state carry no Jackson
 * annotations.
 */
public final class MessageSerialization {

  private MessageSerialization() {}

  public static ObjectMapper objectMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper
        .configOverride(BigDecimal.class)
        .setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    return mapper;
  }

  private static final ObjectMapper JSON = objectMapper();

  /** A message (an event, say) as JSON text, as the services write it. */
  public static String toJson(Object message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + message.getClass().getName(), e);
    }
  }

  /** A message read back from JSON text written by {@link #toJson}. */
  public static <T> T fromJson(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read a " + type.getName(), e);
    }
  }
}

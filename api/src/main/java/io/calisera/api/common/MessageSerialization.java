package io.calisera.api.common;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of every message, events included: what each service gives Axon's Jackson
 * serializer (as its {@code defaultAxonObjectMapper}), so that all of them read what the others
 * write. Instants as ISO-8601 text; unknown properties ignored, so that a newer writer's extra
 * field does not break an older reader. Fields are visible without getters, so that Axon can write
 * and read aggregate snapshots (aggregates keep their state in private fields).
 */
public final class MessageSerialization {

  private MessageSerialization() {}

  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }
}

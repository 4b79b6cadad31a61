package io.calisera.analytics.config;

import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tokens stored for a processor, read without claiming them (the {@code JdbcTokenStore} can
 * only fetch a token by claiming it), for the positions of segments another instance processes.
 */
final class StoredTokens {

  private final JdbcClient jdbc;
  private final Serializer serializer;

  StoredTokens(DataSource dataSource, Serializer serializer) {
    this.jdbc = JdbcClient.create(dataSource);
    this.serializer = serializer;
  }

  Map<Integer, TrackingToken> of(String processorName) {
    Map<Integer, TrackingToken> tokens = new TreeMap<>();
    jdbc.sql(
            "select segment, token, token_type from token_entry where processor_name = ?"
                + " order by segment")
        .param(processorName)
        .query(
            (row, number) -> {
              byte[] token = row.getBytes("token");
              tokens.put(
                  row.getInt("segment"),
                  token == null
                      ? null
                      : serializer.deserialize(
                          new SimpleSerializedObject<>(
                              token, byte[].class, row.getString("token_type"), null)));
              return null;
            })
        .list();
    return tokens;
  }
}

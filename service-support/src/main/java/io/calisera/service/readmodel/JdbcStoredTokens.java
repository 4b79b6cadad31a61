package io.calisera.service.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The tokens a {@code JdbcTokenStore} holds for a processor, read without claiming them (the store
 * itself fetches a token only by claiming it): the positions of the segments another instance
 * processes ({@link ReadModelPositionQueries}). Tokens stored as {@code byte[]}.
 */
public final class JdbcStoredTokens implements ReadModels.StoredTokens {

  private final DataSource dataSource;
  private final Serializer serializer;
  private final String select;

  /**
   * @param schema the table and columns the service's {@code JdbcTokenStore} was built with
   */
  public JdbcStoredTokens(DataSource dataSource, Serializer serializer, TokenSchema schema) {
    this.dataSource = dataSource;
    this.serializer = serializer;
    this.select =
        "select "
            + schema.segmentColumn()
            + ", "
            + schema.tokenColumn()
            + ", "
            + schema.tokenTypeColumn()
            + " from "
            + schema.tokenTable()
            + " where "
            + schema.processorNameColumn()
            + " = ? order by "
            + schema.segmentColumn();
  }

  @Override
  public Map<Integer, TrackingToken> of(String processorName) {
    Map<Integer, TrackingToken> tokens = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, processorName);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byte[] token = rows.getBytes(2);
          tokens.put(
              rows.getInt(1),
              token == null
                  ? null
                  : serializer.deserialize(
                      new SimpleSerializedObject<>(token, byte[].class, rows.getString(3), null)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the tokens of " + processorName, e);
    }
    return tokens;
  }
}

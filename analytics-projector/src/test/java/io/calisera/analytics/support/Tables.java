package io.calisera.analytics.support;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every row the analytics keep about one provider, as text, to compare whole states. */
public final class Tables {

  private static final List<String> QUERIES =
      List.of(
          "select * from providers where provider_id = ?",
          "select * from schedules where provider_id = ? order by position",
          "select * from services where provider_id = ? order by service_id",
          "select * from bookings where provider_id = ? order by booking_id");

  private final JdbcClient jdbc;

  public Tables(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The rows, positions left out: a replay may see the same events at other positions. */
  public List<String> of(String providerId, boolean withPositions) {
    List<String> rows = new ArrayList<>();
    for (String query : QUERIES) {
      jdbc.sql(query)
          .param(providerId)
          .query(
              (row, n) -> {
                StringBuilder text =
                    new StringBuilder(query.substring(14, query.indexOf(" where")));
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                  String column = row.getMetaData().getColumnName(c);
                  if (withPositions || !column.equals("position")) {
                    text.append(' ').append(column).append('=').append(value(row, c));
                  }
                }
                return rows.add(text.toString());
              })
          .list();
    }
    return rows;
  }

  /**
   * A column as text; arrays by their elements, since the driver writes them as the server does
   * (text) or quoted (binary, once a statement has run a few times on a connection).
   */
  private static String value(ResultSet row, int column) throws SQLException {
    Object value = row.getObject(column);
    return value instanceof Array array
        ? Arrays.toString((Object[]) array.getArray())
        : row.getString(column);
  }
}

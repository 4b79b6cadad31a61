package io.calisera.analytics.facts;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.schedule.Schedule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of the facts: reading the rows a batch of events touches, and writing what it changed,
 * one statement per table and batch ({@code unnest} of arrays), in the transaction Axon runs the
 * batch in. Every row belongs to a generation (decision 0009): the current one answers, a rebuild
 * writes the next.
 */
@Component
public class FactsTables {

  private static final List<String> TABLES =
      List.of("providers", "schedules", "services", "bookings");

  private final JdbcTemplate jdbc;

  public FactsTables(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The generation that answers. */
  public int currentGeneration() {
    return jdbc.queryForObject(
        "select current_generation from generations where id = 1", Integer.class);
  }

  /** The generation events are applied to: the one a rebuild builds, else the current one. */
  int writtenGeneration() {
    return jdbc.queryForObject(
        "select coalesce(building, current_generation) from generations where id = 1",
        Integer.class);
  }

  /** A provider's zone and schedules in {@code generation}; empty when unknown. */
  public Optional<ProviderSchedules> provider(int generation, String providerId) {
    ProviderFacts provider =
        providers(generation, List.of(providerId), List.of(providerId)).get(providerId);
    return Optional.ofNullable(provider)
        .map(p -> new ProviderSchedules(p.zone, List.copyOf(p.versions)));
  }

  /**
   * @param versions every schedule the provider had, in the order they came into force
   */
  public record ProviderSchedules(ZoneId zone, List<ScheduleVersion> versions) {}

  /**
   * The providers {@code ids}; the schedules only of those among {@code withSchedules} (a booking
   * needs its provider's zone alone), the others with none.
   */
  Map<String, ProviderFacts> providers(
      int generation, Collection<String> ids, Collection<String> withSchedules) {
    Map<String, ProviderFacts> providers = new HashMap<>();
    if (ids.isEmpty()) {
      return providers;
    }
    Map<String, List<ScheduleVersion>> versions = new HashMap<>();
    if (!withSchedules.isEmpty()) {
      schedules(generation, withSchedules, versions);
    }
    run(
        "select provider_id, time_zone, position from providers"
            + " where generation = ? and provider_id = any(?)",
        statement -> {
          statement.setInt(1, generation);
          statement.setArray(2, texts(statement.getConnection(), ids));
        },
        row -> {
          String id = row.getString("provider_id");
          providers.put(
              id,
              new ProviderFacts(
                  id,
                  ZoneId.of(row.getString("time_zone")),
                  row.getLong("position"),
                  versions.getOrDefault(id, List.of())));
        });
    return providers;
  }

  private void schedules(
      int generation, Collection<String> ids, Map<String, List<ScheduleVersion>> versions) {
    run(
        "select provider_id, position, effective_from, time_zone, weekly, overrides, set_at"
            + " from schedules where generation = ? and provider_id = any(?)",
        statement -> {
          statement.setInt(1, generation);
          statement.setArray(2, texts(statement.getConnection(), ids));
        },
        row ->
            versions
                .computeIfAbsent(row.getString("provider_id"), id -> new ArrayList<>())
                .add(
                    new ScheduleVersion(
                        row.getObject("effective_from", LocalDate.class),
                        row.getLong("position"),
                        new Schedule(
                            ZoneId.of(row.getString("time_zone")),
                            ScheduleText.weekly((String[]) row.getArray("weekly").getArray()),
                            ScheduleText.overrides(
                                (String[]) row.getArray("overrides").getArray())),
                        row.getTimestamp("set_at").toInstant())));
  }

  Map<String, BookingFacts> bookings(int generation, Collection<String> ids) {
    Map<String, BookingFacts> bookings = new HashMap<>();
    if (!ids.isEmpty()) {
      for (BookingFacts booking :
          bookingsWhere(
              "booking_id = any(?)",
              generation,
              statement -> statement.setArray(2, texts(statement.getConnection(), ids)))) {
        bookings.put(booking.bookingId, booking);
      }
    }
    return bookings;
  }

  /** Every booking of a provider (its zone changed). */
  List<BookingFacts> bookingsOf(int generation, String providerId) {
    return bookingsWhere(
        "provider_id = ?", generation, statement -> statement.setString(2, providerId));
  }

  /** The bookings of {@code generation} that meet {@code condition}, its parameters from 2 on. */
  private List<BookingFacts> bookingsWhere(String condition, int generation, Binder binder) {
    List<BookingFacts> bookings = new ArrayList<>();
    run(
        "select * from bookings where generation = ? and " + condition,
        statement -> {
          statement.setInt(1, generation);
          binder.bind(statement);
        },
        row -> {
          BookingFacts booking =
              new BookingFacts(
                  row.getString("booking_id"),
                  row.getString("provider_id"),
                  row.getString("service_id"),
                  BookingStatus.valueOf(row.getString("status")),
                  instant(row, "placed_at"),
                  instant(row, "start_at"),
                  instant(row, "end_at"),
                  row.getObject("local_date", LocalDate.class),
                  row.getInt("local_hour"),
                  row.getInt("reschedules"),
                  row.getLong("position"));
          booking.confirmedAt = instant(row, "confirmed_at");
          booking.declinedAt = instant(row, "declined_at");
          booking.cancelledAt = instant(row, "cancelled_at");
          booking.completedAt = instant(row, "completed_at");
          booking.noShowAt = instant(row, "no_show_at");
          bookings.add(booking);
        });
    return bookings;
  }

  void saveProviders(int generation, Collection<ProviderFacts> providers) {
    if (providers.isEmpty()) {
      return;
    }
    update(
        "insert into providers (generation, provider_id, time_zone, position)"
            + " select ?::integer, * from unnest(?::varchar[], ?::varchar[], ?::bigint[])"
            + " on conflict (generation, provider_id) do update"
            + " set time_zone = excluded.time_zone, position = excluded.position",
        generation,
        providers,
        column(p -> p.providerId),
        column(p -> p.zone.getId()),
        column(p -> p.position));
  }

  void saveSchedules(int generation, String providerId, Collection<ScheduleVersion> versions) {
    for (ScheduleVersion version : versions) {
      jdbc.update(
          connection -> {
            PreparedStatement statement =
                connection.prepareStatement(
                    "insert into schedules (generation, provider_id, position, effective_from,"
                        + " time_zone, weekly, overrides, set_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (generation, provider_id, position) do nothing");
            statement.setInt(1, generation);
            statement.setString(2, providerId);
            statement.setLong(3, version.position());
            statement.setObject(4, version.effectiveFrom());
            statement.setString(5, version.schedule().zone().getId());
            statement.setArray(
                6,
                connection.createArrayOf("text", ScheduleText.weekly(version.schedule().weekly())));
            statement.setArray(
                7,
                connection.createArrayOf(
                    "text", ScheduleText.overrides(version.schedule().overrides())));
            statement.setTimestamp(8, Timestamp.from(version.setAt()));
            return statement;
          });
    }
  }

  void saveBookings(int generation, Collection<BookingFacts> bookings) {
    if (bookings.isEmpty()) {
      return;
    }
    update(
        "insert into bookings (generation, booking_id, provider_id, service_id, status,"
            + " placed_at, start_at, end_at, local_date, local_hour, duration_minutes,"
            + " reschedules, confirmed_at, declined_at, cancelled_at, completed_at, no_show_at,"
            + " position)"
            + " select ?::integer, * from unnest(?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::date[],"
            + " ?::smallint[], ?::integer[], ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::bigint[])"
            + " on conflict (generation, booking_id) do update set status = excluded.status,"
            + " start_at = excluded.start_at, end_at = excluded.end_at,"
            + " local_date = excluded.local_date, local_hour = excluded.local_hour,"
            + " duration_minutes = excluded.duration_minutes, reschedules = excluded.reschedules,"
            + " confirmed_at = excluded.confirmed_at, declined_at = excluded.declined_at,"
            + " cancelled_at = excluded.cancelled_at, completed_at = excluded.completed_at,"
            + " no_show_at = excluded.no_show_at, position = excluded.position",
        generation,
        bookings,
        column(b -> b.bookingId),
        column(b -> b.providerId),
        column(b -> b.serviceId),
        column(b -> b.status.name()),
        column(b -> b.placedAt),
        column(b -> b.start),
        column(b -> b.end),
        column(b -> b.localDate),
        column(b -> b.localHour),
        column(BookingFacts::durationMinutes),
        column(b -> b.reschedules),
        column(b -> b.confirmedAt),
        column(b -> b.declinedAt),
        column(b -> b.cancelledAt),
        column(b -> b.completedAt),
        column(b -> b.noShowAt),
        column(b -> b.position));
  }

  /** A service as of {@code position}; an older event than the row's changes nothing. */
  void saveService(
      int generation,
      String serviceId,
      String providerId,
      String name,
      int durationMinutes,
      boolean active,
      long position) {
    jdbc.update(
        "insert into services (generation, service_id, provider_id, name, duration_minutes,"
            + " active, position) values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (generation, service_id) do update set"
            + " name = excluded.name, duration_minutes = excluded.duration_minutes,"
            + " active = excluded.active, position = excluded.position"
            + " where services.position < excluded.position",
        generation,
        serviceId,
        providerId,
        name,
        durationMinutes,
        active,
        position);
  }

  void deactivateService(int generation, String serviceId, long position) {
    jdbc.update(
        "update services set active = false, position = ?"
            + " where generation = ? and service_id = ? and position < ?",
        position,
        generation,
        serviceId,
        position);
  }

  /**
   * A token reset: empties the generation events are applied to (the one a rebuild builds, else the
   * current one) for the events to come again.
   */
  void emptyForReplay() {
    int generation = writtenGeneration();
    for (String table : TABLES) {
      jdbc.update("delete from " + table + " where generation = ?", generation);
    }
  }

  /** Deletes the rows of every generation but {@code current} and {@code building}. */
  public void deleteGenerationsBut(int current, int building) {
    for (String table : TABLES) {
      jdbc.update(
          "delete from " + table + " where generation <> ? and generation <> ?", current, building);
    }
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private void run(String sql, Binder binder, RowReader reader) {
    jdbc.execute(
        (ConnectionCallback<Void>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                  while (rows.next()) {
                    reader.read(rows);
                  }
                }
              }
              return null;
            });
  }

  /**
   * The generation as the first parameter, then one array parameter per column, of the rows' values
   * in order, as text the SQL casts.
   */
  @SafeVarargs
  private <T> void update(
      String sql, int generation, Collection<T> rows, Function<T, Object>... columns) {
    jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, generation);
                for (int c = 0; c < columns.length; c++) {
                  String[] values = new String[rows.size()];
                  int r = 0;
                  for (T row : rows) {
                    Object value = columns[c].apply(row);
                    values[r++] = value == null ? null : value.toString();
                  }
                  statement.setArray(c + 2, connection.createArrayOf("text", values));
                }
                return statement.executeUpdate();
              }
            });
  }

  private static <T> Function<T, Object> column(Function<T, Object> value) {
    return value;
  }

  private static Array texts(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}

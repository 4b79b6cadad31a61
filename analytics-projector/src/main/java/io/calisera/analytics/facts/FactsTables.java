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
  private final RecentRows recent = new RecentRows();

  public FactsTables(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The rows the last committed batches left, so that the next need not read them again. */
  RecentRows recent() {
    return recent;
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
        "select p.provider_id, p.time_zone, p.position from unnest(?::varchar[]) as k(id)"
            + " join providers p on p.generation = ? and p.provider_id = k.id",
        statement -> {
          statement.setArray(1, texts(statement.getConnection(), ids));
          statement.setInt(2, generation);
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
        "select s.provider_id, s.position, s.effective_from, s.time_zone, s.weekly, s.overrides,"
            + " s.set_at from unnest(?::varchar[]) as k(id)"
            + " join schedules s on s.generation = ? and s.provider_id = k.id",
        statement -> {
          statement.setArray(1, texts(statement.getConnection(), ids));
          statement.setInt(2, generation);
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
              "unnest(?::varchar[]) as k(id)"
                  + " join bookings b on b.generation = ? and b.booking_id = k.id",
              statement -> {
                statement.setArray(1, texts(statement.getConnection(), ids));
                statement.setInt(2, generation);
              })) {
        bookings.put(booking.bookingId, booking);
      }
    }
    return bookings;
  }

  /** Every booking of a provider (its zone changed). */
  List<BookingFacts> bookingsOf(int generation, String providerId) {
    return bookingsWhere(
        "bookings b where b.generation = ? and b.provider_id = ?",
        statement -> {
          statement.setInt(1, generation);
          statement.setString(2, providerId);
        });
  }

  /**
   * The bookings {@code b} of {@code from} (a from clause that names them {@code b}, with its
   * conditions). A list of ids is joined to the table (each looked up by its key), not matched with
   * {@code = any(?)}, which PostgreSQL's generic plan checks against every row of the generation.
   */
  private List<BookingFacts> bookingsWhere(String from, Binder binder) {
    List<BookingFacts> bookings = new ArrayList<>();
    run(
        "select b.* from " + from,
        binder,
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
        text(p -> p.providerId),
        text(p -> p.zone.getId()),
        int8(p -> p.position));
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

  /**
   * Inserts or replaces {@code bookings}: one statement, each column an array, instants as
   * microseconds since the epoch and dates as days since it (numbers, which neither side parses as
   * text).
   */
  void saveBookings(int generation, Collection<BookingFacts> bookings) {
    if (bookings.isEmpty()) {
      return;
    }
    update(
        "insert into bookings (generation, booking_id, provider_id, service_id, status,"
            + " placed_at, start_at, end_at, local_date, local_hour, duration_minutes,"
            + " reschedules, confirmed_at, declined_at, cancelled_at, completed_at, no_show_at,"
            + " position)"
            + " select ?::integer, b.booking_id, b.provider_id, b.service_id, b.status,"
            + instant("placed_at")
            + ", "
            + instant("start_at")
            + ", "
            + instant("end_at")
            + ","
            + " date '1970-01-01' + b.local_date, b.local_hour, b.duration_minutes, b.reschedules, "
            + instant("confirmed_at")
            + ", "
            + instant("declined_at")
            + ", "
            + instant("cancelled_at")
            + ", "
            + instant("completed_at")
            + ", "
            + instant("no_show_at")
            + ", b.position"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[], ?::integer[], ?::integer[],"
            + " ?::integer[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
            + " ?::bigint[]) as b(booking_id, provider_id, service_id, status, placed_at, start_at,"
            + " end_at, local_date, local_hour, duration_minutes, reschedules, confirmed_at,"
            + " declined_at, cancelled_at, completed_at, no_show_at, position)"
            + " on conflict (generation, booking_id) do update set status = excluded.status,"
            + " start_at = excluded.start_at, end_at = excluded.end_at,"
            + " local_date = excluded.local_date, local_hour = excluded.local_hour,"
            + " duration_minutes = excluded.duration_minutes, reschedules = excluded.reschedules,"
            + " confirmed_at = excluded.confirmed_at, declined_at = excluded.declined_at,"
            + " cancelled_at = excluded.cancelled_at, completed_at = excluded.completed_at,"
            + " no_show_at = excluded.no_show_at, position = excluded.position",
        generation,
        bookings,
        text(b -> b.bookingId),
        text(b -> b.providerId),
        text(b -> b.serviceId),
        text(b -> b.status.name()),
        int8(b -> micros(b.placedAt)),
        int8(b -> micros(b.start)),
        int8(b -> micros(b.end)),
        int4(b -> (int) b.localDate.toEpochDay()),
        int4(b -> b.localHour),
        int4(BookingFacts::durationMinutes),
        int4(b -> b.reschedules),
        int8(b -> micros(b.confirmedAt)),
        int8(b -> micros(b.declinedAt)),
        int8(b -> micros(b.cancelledAt)),
        int8(b -> micros(b.completedAt)),
        int8(b -> micros(b.noShowAt)),
        int8(b -> b.position));
  }

  /** The timestamp of column {@code name} of the unnested rows, given in microseconds. */
  private static String instant(String name) {
    return " timestamptz 'epoch' + b." + name + " * interval '1 microsecond'";
  }

  /** Microseconds since the epoch, rounded as PostgreSQL rounds a timestamp's text; null stays. */
  static Long micros(Instant instant) {
    if (instant == null) {
      return null;
    }
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
        (instant.getNano() + 500) / 1_000);
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
    recent.clear();
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
   * in order.
   */
  @SafeVarargs
  private <T> void update(String sql, int generation, Collection<T> rows, Column<T>... columns) {
    jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, generation);
                for (int c = 0; c < columns.length; c++) {
                  Object[] values = columns[c].array(rows.size());
                  int r = 0;
                  for (T row : rows) {
                    values[r++] = columns[c].value().apply(row);
                  }
                  statement.setArray(c + 2, connection.createArrayOf(columns[c].type(), values));
                }
                return statement.executeUpdate();
              }
            });
  }

  /** A column of rows {@code T}: its array's element type and each row's value (or null). */
  private record Column<T>(String type, Function<T, Object> value) {

    Object[] array(int size) {
      return switch (type) {
        case "int8" -> new Long[size];
        case "int4" -> new Integer[size];
        default -> new String[size];
      };
    }
  }

  private static <T> Column<T> text(Function<T, String> value) {
    return new Column<>("varchar", value::apply);
  }

  private static <T> Column<T> int8(Function<T, Long> value) {
    return new Column<>("int8", value::apply);
  }

  private static <T> Column<T> int4(Function<T, Integer> value) {
    return new Column<>("int4", value::apply);
  }

  private static Array texts(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}

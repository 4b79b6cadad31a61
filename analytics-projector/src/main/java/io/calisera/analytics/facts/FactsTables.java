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
 * batch in.
 */
@Component
public class FactsTables {

  private final JdbcTemplate jdbc;

  public FactsTables(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** A provider's zone, the dates its days hold and its schedules; empty when unknown. */
  public Optional<ProviderDays> providerDays(String providerId) {
    ProviderFacts provider = providers(List.of(providerId)).get(providerId);
    return Optional.ofNullable(provider)
        .map(p -> new ProviderDays(p.zone, p.firstDay, p.lastDay, List.copyOf(p.versions)));
  }

  /**
   * @param firstDay the first local date {@code provider_days} holds
   * @param lastDay the last one; after it the provider's latest schedule offers ({@link
   *     OfferedMinutes}) and no booking starts
   * @param versions every schedule the provider had, in the order they came into force
   */
  public record ProviderDays(
      ZoneId zone, LocalDate firstDay, LocalDate lastDay, List<ScheduleVersion> versions) {}

  Map<String, ProviderFacts> providers(Collection<String> ids) {
    Map<String, ProviderFacts> providers = new HashMap<>();
    if (ids.isEmpty()) {
      return providers;
    }
    Map<String, List<ScheduleVersion>> versions = new HashMap<>();
    run(
        "select provider_id, position, effective_from, time_zone, weekly, overrides, set_at"
            + " from schedules where provider_id = any(?)",
        statement -> statement.setArray(1, texts(statement.getConnection(), ids)),
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
    run(
        "select provider_id, time_zone, first_day, last_day, position from providers"
            + " where provider_id = any(?)",
        statement -> statement.setArray(1, texts(statement.getConnection(), ids)),
        row -> {
          String id = row.getString("provider_id");
          providers.put(
              id,
              new ProviderFacts(
                  id,
                  ZoneId.of(row.getString("time_zone")),
                  row.getObject("first_day", LocalDate.class),
                  row.getObject("last_day", LocalDate.class),
                  row.getLong("position"),
                  versions.getOrDefault(id, List.of())));
        });
    return providers;
  }

  Map<String, BookingFacts> bookings(Collection<String> ids) {
    Map<String, BookingFacts> bookings = new HashMap<>();
    if (!ids.isEmpty()) {
      for (BookingFacts booking :
          bookingsWhere(
              "booking_id = any(?)",
              statement -> statement.setArray(1, texts(statement.getConnection(), ids)))) {
        bookings.put(booking.bookingId, booking);
      }
    }
    return bookings;
  }

  /** Every booking of a provider (its zone changed). */
  List<BookingFacts> bookingsOf(String providerId) {
    return bookingsWhere("provider_id = ?", statement -> statement.setString(1, providerId));
  }

  private List<BookingFacts> bookingsWhere(String condition, Binder binder) {
    List<BookingFacts> bookings = new ArrayList<>();
    run(
        "select * from bookings where " + condition,
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

  void saveProviders(Collection<ProviderFacts> providers) {
    if (providers.isEmpty()) {
      return;
    }
    update(
        "insert into providers (provider_id, time_zone, first_day, last_day, position)"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::date[], ?::date[],"
            + " ?::bigint[])"
            + " on conflict (provider_id) do update set time_zone = excluded.time_zone,"
            + " first_day = excluded.first_day, last_day = excluded.last_day,"
            + " position = excluded.position",
        providers,
        column(p -> p.providerId),
        column(p -> p.zone.getId()),
        column(p -> p.firstDay),
        column(p -> p.lastDay),
        column(p -> p.position));
  }

  void saveSchedules(String providerId, Collection<ScheduleVersion> versions) {
    for (ScheduleVersion version : versions) {
      jdbc.update(
          connection -> {
            PreparedStatement statement =
                connection.prepareStatement(
                    "insert into schedules (provider_id, position, effective_from, time_zone,"
                        + " weekly, overrides, set_at) values (?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (provider_id, position) do nothing");
            statement.setString(1, providerId);
            statement.setLong(2, version.position());
            statement.setObject(3, version.effectiveFrom());
            statement.setString(4, version.schedule().zone().getId());
            statement.setArray(
                5,
                connection.createArrayOf("text", ScheduleText.weekly(version.schedule().weekly())));
            statement.setArray(
                6,
                connection.createArrayOf(
                    "text", ScheduleText.overrides(version.schedule().overrides())));
            statement.setTimestamp(7, Timestamp.from(version.setAt()));
            return statement;
          });
    }
  }

  void saveBookings(Collection<BookingFacts> bookings) {
    if (bookings.isEmpty()) {
      return;
    }
    update(
        "insert into bookings (booking_id, provider_id, service_id, status, placed_at, start_at,"
            + " end_at, local_date, local_hour, duration_minutes, reschedules, confirmed_at,"
            + " declined_at, cancelled_at, completed_at, no_show_at, position)"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::date[], ?::smallint[],"
            + " ?::integer[], ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::bigint[])"
            + " on conflict (booking_id) do update set status = excluded.status,"
            + " start_at = excluded.start_at, end_at = excluded.end_at,"
            + " local_date = excluded.local_date, local_hour = excluded.local_hour,"
            + " duration_minutes = excluded.duration_minutes, reschedules = excluded.reschedules,"
            + " confirmed_at = excluded.confirmed_at, declined_at = excluded.declined_at,"
            + " cancelled_at = excluded.cancelled_at, completed_at = excluded.completed_at,"
            + " no_show_at = excluded.no_show_at, position = excluded.position",
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
      String serviceId,
      String providerId,
      String name,
      int durationMinutes,
      boolean active,
      long position) {
    jdbc.update(
        "insert into services (service_id, provider_id, name, duration_minutes, active, position)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (service_id) do update set"
            + " name = excluded.name, duration_minutes = excluded.duration_minutes,"
            + " active = excluded.active, position = excluded.position"
            + " where services.position < excluded.position",
        serviceId,
        providerId,
        name,
        durationMinutes,
        active,
        position);
  }

  void deactivateService(String serviceId, long position) {
    jdbc.update(
        "update services set active = false, position = ? where service_id = ? and position < ?",
        position,
        serviceId,
        position);
  }

  /**
   * The minutes offered on days of any number of providers, in one statement: {@code providerIds},
   * {@code dates} and {@code minutes} are parallel, and name each provider's date once.
   */
  void saveOffered(List<String> providerIds, List<LocalDate> dates, List<Long> minutes) {
    if (dates.isEmpty()) {
      return;
    }
    jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement =
                  connection.prepareStatement(
                      "insert into provider_days (provider_id, local_date, available_minutes)"
                          + " select * from unnest(?::varchar[], ?::date[], ?::bigint[])"
                          + " on conflict (provider_id, local_date) do update"
                          + " set available_minutes = excluded.available_minutes")) {
                statement.setArray(1, connection.createArrayOf("varchar", providerIds.toArray()));
                statement.setArray(2, connection.createArrayOf("date", dates.toArray()));
                statement.setArray(3, connection.createArrayOf("bigint", minutes.toArray()));
                return statement.executeUpdate();
              }
            });
  }

  /**
   * The booking figures of days of any number of providers, from the booking rows, in one statement
   * ({@code providerIds} and {@code dates} parallel); their rows exist already.
   */
  void computeBookingDays(List<String> providerIds, List<LocalDate> dates) {
    if (dates.isEmpty()) {
      return;
    }
    jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement =
                  connection.prepareStatement(
                      "update provider_days d set bookings = f.bookings,"
                          + " cancellations = f.cancellations, reschedules = f.reschedules,"
                          + " no_shows = f.no_shows, booked_minutes = f.booked_minutes"
                          + " from (select day.provider_id, day.local_date,"
                          + " count(b.booking_id) as bookings,"
                          + " count(*) filter (where b.status = 'CANCELLED') as cancellations,"
                          + " coalesce(sum(b.reschedules), 0) as reschedules,"
                          + " count(*) filter (where b.status = 'NO_SHOW') as no_shows,"
                          + " coalesce(sum(b.duration_minutes) filter (where b.status in"
                          + " ('PENDING', 'CONFIRMED', 'COMPLETED')), 0) as booked_minutes"
                          + " from unnest(?::varchar[], ?::date[]) as day(provider_id, local_date)"
                          + " left join bookings b on b.provider_id = day.provider_id"
                          + " and b.local_date = day.local_date"
                          + " group by day.provider_id, day.local_date) f"
                          + " where d.provider_id = f.provider_id and d.local_date = f.local_date")) {
                statement.setArray(1, connection.createArrayOf("varchar", providerIds.toArray()));
                statement.setArray(2, connection.createArrayOf("date", dates.toArray()));
                return statement.executeUpdate();
              }
            });
  }

  /** Every booking figure of a provider's days, from the booking rows. */
  void computeAllBookingDays(String providerId) {
    jdbc.update(
        "update provider_days d set bookings = 0, cancellations = 0, reschedules = 0,"
            + " no_shows = 0, booked_minutes = 0 where provider_id = ?",
        providerId);
    jdbc.update(
        "update provider_days d set bookings = f.bookings, cancellations = f.cancellations,"
            + " reschedules = f.reschedules, no_shows = f.no_shows,"
            + " booked_minutes = f.booked_minutes"
            + " from (select local_date, count(*) as bookings,"
            + " count(*) filter (where status = 'CANCELLED') as cancellations,"
            + " sum(reschedules) as reschedules,"
            + " count(*) filter (where status = 'NO_SHOW') as no_shows,"
            + " coalesce(sum(duration_minutes) filter (where status in"
            + " ('PENDING', 'CONFIRMED', 'COMPLETED')), 0) as booked_minutes"
            + " from bookings where provider_id = ? group by local_date) f"
            + " where d.provider_id = ? and d.local_date = f.local_date",
        providerId,
        providerId);
  }

  /** Wipes every table but the tokens: a replay builds them again from the first event. */
  void wipe() {
    jdbc.execute("truncate table providers, schedules, services, bookings, provider_days");
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

  /** One array parameter per column, of the rows' values in order, as text the SQL casts. */
  @SafeVarargs
  private <T> void update(String sql, Collection<T> rows, Function<T, Object>... columns) {
    jdbc.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int c = 0; c < columns.length; c++) {
                  String[] values = new String[rows.size()];
                  int r = 0;
                  for (T row : rows) {
                    Object value = columns[c].apply(row);
                    values[r++] = value == null ? null : value.toString();
                  }
                  statement.setArray(c + 1, connection.createArrayOf("text", values));
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

package io.calisera.analytics.insights;

import io.calisera.analytics.facts.FactsTables;
import io.calisera.analytics.facts.FactsTables.ProviderSchedules;
import io.calisera.analytics.facts.OfferedMinutes;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.InsightFigures.DayFigures;
import io.calisera.api.insights.InsightFigures.HourFigures;
import io.calisera.api.insights.InsightFigures.ServiceFigures;
import io.calisera.api.insights.ProviderInsights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers {@link FindProviderInsightsQuery} from the analytics tables of the current generation:
 * the booking rows grouped by local date give every figure that adds up by date (and {@code
 * byDay}), grouped otherwise {@code byService} and {@code byHourOfDay}, and the median lead time;
 * the minutes offered on each date asked are computed from the schedules the provider had ({@link
 * OfferedMinutes}). One read-only repeatable-read transaction, meant as one snapshot, so that a
 * batch committing meanwhile does not mix two states in one answer.
 */
@Component
public class InsightsQueries {

  /** Bookings that occupy their time, or took it: their minutes count as booked. */
  private static final String BOOKED = "status in ('PENDING', 'CONFIRMED', 'COMPLETED')";

  private final JdbcClient jdbc;
  private final FactsTables facts;
  private final TransactionTemplate snapshot;

  public InsightsQueries(
      DataSource dataSource, FactsTables facts, PlatformTransactionManager transactions) {
    this.jdbc = JdbcClient.create(dataSource);
    this.facts = facts;
    this.snapshot = new TransactionTemplate(transactions);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  @QueryHandler
  public ProviderInsights insights(FindProviderInsightsQuery query) {
    return snapshot.execute(status -> answer(query));
  }

  private ProviderInsights answer(FindProviderInsightsQuery query) {
    int generation = facts.currentGeneration();
    ProviderSchedules provider =
        facts
            .provider(generation, query.providerId())
            .orElseThrow(
                () -> {
                  String message = "There is no provider " + query.providerId();
                  return new QueryExecutionException(
                      message, null, new Refusal(RefusalCode.NOT_FOUND, message));
                });
    return new ProviderInsights(
        query.providerId(),
        provider.zone(),
        figures(generation, query, provider),
        figures(generation, query.previous(), provider));
  }

  /** One local date's row, with the figures that add up by date. */
  private record Day(
      LocalDate date,
      long bookings,
      long cancellations,
      long reschedules,
      long noShows,
      long bookedMinutes,
      long availableMinutes) {

    DayFigures figures() {
      return new DayFigures(date, bookings, cancellations, bookedMinutes, availableMinutes);
    }
  }

  private InsightFigures figures(
      int generation, FindProviderInsightsQuery range, ProviderSchedules provider) {
    List<Day> days = days(generation, range, provider);
    long bookings = days.stream().mapToLong(Day::bookings).sum();
    long cancellations = days.stream().mapToLong(Day::cancellations).sum();
    long bookedMinutes = days.stream().mapToLong(Day::bookedMinutes).sum();
    long availableMinutes = days.stream().mapToLong(Day::availableMinutes).sum();
    return new InsightFigures(
        range.from(),
        range.to(),
        bookings,
        cancellations,
        days.stream().mapToLong(Day::reschedules).sum(),
        days.stream().mapToLong(Day::noShows).sum(),
        bookings == 0 ? 0 : (double) cancellations / bookings,
        bookedMinutes,
        availableMinutes,
        availableMinutes == 0 ? 0 : (double) bookedMinutes / availableMinutes,
        leadTimeHoursMedian(generation, range),
        byService(generation, range),
        days.stream().map(Day::figures).toList(),
        byHourOfDay(generation, range));
  }

  /** Every date of the range: the figures of the bookings starting on it, the minutes offered. */
  private List<Day> days(
      int generation, FindProviderInsightsQuery range, ProviderSchedules provider) {
    Map<LocalDate, Day> rows = new HashMap<>();
    jdbc.sql(
            "select local_date, count(*) as bookings,"
                + " count(*) filter (where status = 'CANCELLED') as cancellations,"
                + " sum(reschedules) as reschedules,"
                + " count(*) filter (where status = 'NO_SHOW') as no_shows,"
                + " coalesce(sum(duration_minutes) filter (where "
                + BOOKED
                + "), 0) as booked_minutes"
                + " from bookings where generation = ? and provider_id = ?"
                + " and local_date between ? and ? group by local_date")
        .params(generation, range.providerId(), range.from(), range.to())
        .query(
            (row, n) -> {
              LocalDate date = row.getObject("local_date", LocalDate.class);
              return rows.put(
                  date,
                  new Day(
                      date,
                      row.getLong("bookings"),
                      row.getLong("cancellations"),
                      row.getLong("reschedules"),
                      row.getLong("no_shows"),
                      row.getLong("booked_minutes"),
                      OfferedMinutes.on(provider.versions(), date)));
            })
        .list();
    List<Day> days = new ArrayList<>();
    for (LocalDate date = range.from(); !date.isAfter(range.to()); date = date.plusDays(1)) {
      Day row = rows.get(date);
      // before the provider's first schedule nothing was offered (OfferedMinutes)
      days.add(
          row != null
              ? row
              : new Day(date, 0, 0, 0, 0, 0, OfferedMinutes.on(provider.versions(), date)));
    }
    return days;
  }

  private List<ServiceFigures> byService(int generation, FindProviderInsightsQuery range) {
    return jdbc.sql(
            "select s.service_id, s.name, count(b.booking_id) as bookings,"
                + " coalesce(sum(b.duration_minutes) filter (where b."
                + BOOKED
                + "), 0) as booked_minutes"
                + " from services s left join bookings b on b.generation = s.generation"
                + " and b.service_id = s.service_id and b.local_date between ? and ?"
                + " where s.generation = ? and s.provider_id = ?"
                + " group by s.service_id, s.name, s.active"
                + " having count(b.booking_id) > 0 or s.active"
                + " order by bookings desc, s.name, s.service_id")
        .params(range.from(), range.to(), generation, range.providerId())
        .query(
            (row, n) ->
                new ServiceFigures(
                    row.getString("service_id"),
                    row.getString("name"),
                    row.getLong("bookings"),
                    row.getLong("booked_minutes")))
        .list();
  }

  private List<HourFigures> byHourOfDay(int generation, FindProviderInsightsQuery range) {
    long[] byHour = new long[24];
    jdbc.sql(
            "select local_hour, count(*) as bookings from bookings where generation = ?"
                + " and provider_id = ? and local_date between ? and ? group by local_hour")
        .params(generation, range.providerId(), range.from(), range.to())
        .query(
            (row, n) -> {
              byHour[row.getInt("local_hour")] = row.getLong("bookings");
              return null;
            })
        .list();
    List<HourFigures> hours = new ArrayList<>(24);
    for (int hour = 0; hour < 24; hour++) {
      hours.add(new HourFigures(hour, byHour[hour]));
    }
    return hours;
  }

  /** The median of (start - placed) in hours; 0 without bookings. */
  private double leadTimeHoursMedian(int generation, FindProviderInsightsQuery range) {
    double seconds =
        jdbc.sql(
                "select percentile_cont(0.5) within group"
                    + " (order by extract(epoch from start_at - placed_at)) from bookings"
                    + " where generation = ? and provider_id = ? and local_date between ? and ?")
            .params(generation, range.providerId(), range.from(), range.to())
            .query((row, n) -> row.getDouble(1)) // null without bookings: 0
            .single();
    return seconds / 3600;
  }
}

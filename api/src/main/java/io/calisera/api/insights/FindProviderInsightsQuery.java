package io.calisera.api.insights;

import io.calisera.api.common.Require;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How a provider's business went on the local dates {@code [from, to]} of the provider's zone, and
 * on the range of equal length just before; answered with {@link ProviderInsights}, or refused with
 * {@code NOT_FOUND} when the analytics know no such provider.
 */
public record FindProviderInsightsQuery(String providerId, LocalDate from, LocalDate to) {

  /**
   * The read model that answers, as it reports its position (docs/api.md, "Read-your-writes"):
   * changes do not wait for it, a request for insights does.
   */
  public static final String READ_MODEL = "analytics";

  /** The most local dates one query may span. */
  public static final int MAX_DAYS = 366;

  public FindProviderInsightsQuery {
    Require.text(providerId, "providerId", 100);
    Require.notNull(from, "from");
    Require.notNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    if (days(from, to) > MAX_DAYS) {
      throw new IllegalArgumentException("to: the range may span at most " + MAX_DAYS + " days");
    }
  }

  /** The number of local dates in {@code [from, to]}. */
  public static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The range of equal length just before {@code from}. */
  public FindProviderInsightsQuery previous() {
    long days = days(from, to);
    return new FindProviderInsightsQuery(providerId, from.minusDays(days), from.minusDays(1));
  }
}

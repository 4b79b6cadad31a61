package io.calisera.api.schedule;

import java.util.List;

/**
 * A schedule that breaks rule 1 of docs/api.md: intervals of one day that overlap, or two overrides
 * for one date. Messages look like {@code weekly MONDAY: 09:00-12:00 overlaps 11:00-13:00}.
 */
public final class InvalidScheduleException extends InvalidValuesException {

  private static final long serialVersionUID = 1L;

  public InvalidScheduleException(List<Violation> violations) {
    super(violations);
  }
}

package io.calisera.api.schedule;

import java.util.List;

/**
 * Service settings outside the "Service limits" of docs/api.md, e.g. {@code durationMinutes must be
 * between 5 and 720, was 3}.
 */
public final class InvalidSlotSettingsException extends InvalidValuesException {

  private static final long serialVersionUID = 1L;

  public InvalidSlotSettingsException(List<Violation> violations) {
    super(violations);
  }
}

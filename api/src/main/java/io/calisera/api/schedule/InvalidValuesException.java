package io.calisera.api.schedule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A value that breaks one or more rules of the contract. Carries every {@link Violation} found, so
 * the bff can answer one 400 listing them all instead of parsing the message.
 */
public abstract class InvalidValuesException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  protected InvalidValuesException(List<Violation> violations) {
    super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}

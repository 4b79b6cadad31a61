package io.calisera.command.common;

import io.calisera.api.common.Refusal;
import java.util.List;
import java.util.Optional;

/**
 * A named business rule: given a request, the refusal when the request breaks the rule. Commands
 * list the rules they must pass in the order that decides which refusal wins (who may act first, so
 * that strangers learn nothing about state; then state; then time windows).
 *
 * @param <R> what the rule looks at
 */
public interface Rule<R> {

  /** The refusal when {@code request} breaks this rule, else empty. */
  Optional<Refusal> check(R request);

  /** Throws the refusal of the first rule that {@code request} breaks. */
  static <R> void enforce(R request, List<? extends Rule<R>> rules) {
    for (Rule<R> rule : rules) {
      Optional<Refusal> refusal = rule.check(request);
      if (refusal.isPresent()) {
        throw refusal.get().asException();
      }
    }
  }
}

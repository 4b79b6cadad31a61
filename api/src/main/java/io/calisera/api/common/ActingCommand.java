package io.calisera.api.common;

import java.time.Instant;

/**
 * Every command says who sends it and the business time it is sent at (from the sender's {@code
 * Clock}; aggregates never read a clock). The command side copies the actor into the metadata of
 * the events it causes, for the audit trail.
 */
public interface ActingCommand {

  Actor actor();

  Instant at();
}

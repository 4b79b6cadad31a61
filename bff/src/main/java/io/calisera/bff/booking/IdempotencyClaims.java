package io.calisera.bff.booking;

import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which idempotency keys are being handled right now, by any bff instance: a row per scope and key
 * in the bff's PostgreSQL, claimed before the command is sent and deleted once its answer is in. A
 * second request with the key meanwhile gets 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT}. A claim older
 * than the longest a request can wait for its command (twice the command timeout: the sender may
 * try twice) belongs to an instance that died, and is taken over.
 *
 * <p>Only "in flight" is decided here. "Same key, same request: the first answer" and "same key,
 * another request: 422" are the command side's, across restarts and instances ({@code
 * PlaceBookingCommand.idempotency}). Time here is the database's, which all instances share.
 */
@Component
public class IdempotencyClaims {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyClaims.class);

  private final JdbcClient jdbc;
  private final Duration stale;

  public IdempotencyClaims(JdbcClient jdbc, BffProperties properties) {
    this.jdbc = jdbc;
    this.stale = properties.gateway().commandTimeout().multipliedBy(2).plusSeconds(1);
  }

  /** Runs {@code work} holding the key's claim; 409 when another request holds it. */
  public <T> T whileClaimed(String scope, String key, Supplier<T> work) {
    UUID claim = UUID.randomUUID();
    int claimed =
        jdbc.sql(
                "insert into idempotency_claim (scope, key, claim_id, claimed_at)"
                    + " values (?, ?, ?, clock_timestamp())"
                    + " on conflict (scope, key) do update"
                    + " set claim_id = excluded.claim_id, claimed_at = excluded.claimed_at"
                    + " where idempotency_claim.claimed_at"
                    + " < clock_timestamp() - make_interval(secs => ?)")
            .param(scope)
            .param(key)
            .param(claim)
            .param(stale.toMillis() / 1000.0)
            .update();
    if (claimed == 0) {
      throw new ApiProblem(
          ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
          "A request with this Idempotency-Key is still being handled; repeat it once it has"
              + " answered");
    }
    try {
      return work.get();
    } finally {
      release(scope, key, claim);
    }
  }

  private void release(String scope, String key, UUID claim) {
    try {
      jdbc.sql("delete from idempotency_claim where scope = ? and key = ? and claim_id = ?")
          .param(scope)
          .param(key)
          .param(claim)
          .update();
    } catch (RuntimeException e) {
      // the request's answer stands; the claim goes stale and is taken over or swept
      LOG.warn("Could not release an idempotency claim: {}", e.toString());
    }
  }

  /** Claims of instances that died before releasing them. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void sweepStaleClaims() {
    jdbc.sql(
            "delete from idempotency_claim"
                + " where claimed_at < clock_timestamp() - make_interval(secs => ?)")
        .param(stale.toMillis() / 1000.0)
        .update();
  }
}

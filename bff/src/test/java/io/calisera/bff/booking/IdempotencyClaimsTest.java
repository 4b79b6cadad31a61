package io.calisera.bff.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.bff.testing.BffTest;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Claims of idempotency keys in PostgreSQL, which every bff instance shares. */
@BffTest
class IdempotencyClaimsTest {

  @Autowired IdempotencyClaims claims;
  @Autowired JdbcClient jdbc;

  /** Something a test does while another request holds the key. */
  interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action} while a request in another thread holds the key's claim. */
  static void whileHeld(IdempotencyClaims claims, String scope, String key, Action action)
      throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    try {
      Future<Object> holder =
          thread.submit(
              () ->
                  claims.whileClaimed(
                      scope,
                      key,
                      () -> {
                        held.countDown();
                        try {
                          done.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return null;
                      }));
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        action.run();
      } finally {
        done.countDown();
        holder.get(10, TimeUnit.SECONDS);
      }
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void aKeyIsInFlightWhileClaimedAndFreeAfterwards() throws Exception {
    String key = UUID.randomUUID().toString();
    whileHeld(
        claims,
        "acc-1",
        key,
        () ->
            assertThatThrownBy(() -> claims.whileClaimed("acc-1", key, () -> "second"))
                .isInstanceOfSatisfying(
                    ApiProblem.class,
                    problem ->
                        assertThat(problem.code())
                            .isEqualTo(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT)));
    assertThat(claims.whileClaimed("acc-1", key, () -> "later")).isEqualTo("later");
  }

  @Test
  void keysOfOtherScopesAreOtherKeys() throws Exception {
    String key = UUID.randomUUID().toString();
    whileHeld(
        claims,
        "acc-1",
        key,
        () -> assertThat(claims.whileClaimed("acc-2", key, () -> "mine")).isEqualTo("mine"));
  }

  @Test
  void aFailedRequestReleasesItsClaim() {
    String key = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                claims.whileClaimed(
                    "acc-1",
                    key,
                    () -> {
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");
    assertThat(claims.whileClaimed("acc-1", key, () -> "again")).isEqualTo("again");
  }

  @Test
  void aStaleClaimOfAnInstanceThatDiedIsTakenOver() {
    String key = UUID.randomUUID().toString();
    jdbc.sql(
            "insert into idempotency_claim (scope, key, claim_id, claimed_at)"
                + " values ('acc-1', ?, ?, clock_timestamp() - interval '1 hour')")
        .param(key)
        .param(UUID.randomUUID())
        .update();
    assertThat(claims.whileClaimed("acc-1", key, () -> "taken over")).isEqualTo("taken over");

    jdbc.sql(
            "insert into idempotency_claim (scope, key, claim_id, claimed_at)"
                + " values ('acc-1', ?, ?, clock_timestamp())")
        .param(key)
        .param(UUID.randomUUID())
        .update();
    assertThatThrownBy(() -> claims.whileClaimed("acc-1", key, () -> "not yet"))
        .isInstanceOf(ApiProblem.class);
  }
}

package io.calisera.bff.gateway;

import io.calisera.api.common.Refusal;
import io.calisera.bff.BffProperties;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.HubFailures;
import io.calisera.bff.web.ProblemCode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The one way the bff asks a query: through the {@link QueryGateway}, waiting at most the
 * configured timeout, with failures turned into {@link ApiProblem}s like {@link CommandSender}'s
 * (the query side refuses, e.g. {@code NOT_FOUND}, with a {@link Refusal} in the details).
 */
@Component
public class QuerySender {

  private static final Logger LOG = LoggerFactory.getLogger(QuerySender.class);

  private final QueryGateway gateway;
  private final long timeoutMillis;

  public QuerySender(QueryGateway gateway, BffProperties properties) {
    this.gateway = gateway;
    this.timeoutMillis = properties.gateway().queryTimeout().toMillis();
  }

  /** A single-item query answered with the view or nothing (the query side's nullable answers). */
  public <R> Optional<R> findOptional(Object query, Class<R> type) {
    return ask(query, ResponseTypes.optionalInstanceOf(type));
  }

  /** A query answered with an instance of {@code type}. */
  public <R> R find(Object query, Class<R> type) {
    return ask(query, ResponseTypes.instanceOf(type));
  }

  public <R> R ask(Object query, ResponseType<R> type) {
    CompletableFuture<R> answer;
    try {
      answer = gateway.query(query, type);
    } catch (RuntimeException e) {
      throw problem(query, e);
    }
    return await(query, answer);
  }

  /**
   * A subscription query whose answer and updates are instances of {@code type}: returns once its
   * first answer is in, which is waited for and fails like {@link #find}'s (an unknown resource is
   * 404, an unreachable hub 503); nothing stays open then. The caller cancels the subscription when
   * done with it.
   */
  public <R> Subscription<R> subscribe(Object query, Class<R> type) {
    SubscriptionQueryResult<R, R> result;
    try {
      result =
          gateway.subscriptionQuery(
              query, ResponseTypes.instanceOf(type), ResponseTypes.instanceOf(type));
    } catch (RuntimeException e) {
      throw problem(query, e);
    }
    try {
      return new Subscription<>(await(query, result.initialResult().toFuture()), result);
    } catch (RuntimeException e) {
      result.cancel();
      throw e;
    }
  }

  /**
   * An open subscription query: its first answer, and the updates that follow it until {@link
   * #cancel()} or until the platform ends it (the hub went away: the flux completes or fails).
   */
  public static final class Subscription<R> {
    private final R first;
    private final SubscriptionQueryResult<R, R> result;

    private Subscription(R first, SubscriptionQueryResult<R, R> result) {
      this.first = first;
      this.result = result;
    }

    public R first() {
      return first;
    }

    public Flux<R> updates() {
      return result.updates();
    }

    /** Ends the subscription at the bff, the hub and the query side; idempotent. */
    public void cancel() {
      result.cancel();
    }
  }

  private <R> R await(Object query, CompletableFuture<R> answer) {
    try {
      return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      LOG.warn("{} got no answer within {} ms", name(query), timeoutMillis);
      throw unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (ExecutionException e) {
      throw problem(query, e.getCause());
    } catch (RuntimeException e) {
      throw problem(query, e);
    }
  }

  private static ApiProblem problem(Object query, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof QueryExecutionException execution
          && execution.getDetails().orElse(null) instanceof Refusal refusal) {
        return ApiProblem.refused(refusal);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (HubFailures.unavailable(failure)) {
      LOG.warn("{} could not be delivered: {}", name(query), failure.toString());
      return unavailable();
    }
    LOG.error("{} failed", name(query), failure);
    return new ApiProblem(ProblemCode.INTERNAL_ERROR, "The request could not be completed");
  }

  private static ApiProblem unavailable() {
    return new ApiProblem(
        ProblemCode.SERVICE_UNAVAILABLE, "The platform is not available right now; try again");
  }

  private static String name(Object query) {
    return query.getClass().getSimpleName();
  }
}

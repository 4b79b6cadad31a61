package io.calisera.bff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axoniq.axonserver.connector.AxonServerException;
import io.axoniq.axonserver.connector.ErrorCategory;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ProblemCode;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

/** How a query's failures reach the client. */
class QuerySenderTest {

  private static final Object QUERY = new Object();

  private final QueryGateway gateway = mock(QueryGateway.class);
  private final QuerySender sender =
      new QuerySender(gateway, CommandSenderTest.answeringWithin200Millis());

  @Test
  void theAnswerComesBack() {
    when(gateway.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
        .thenReturn(CompletableFuture.completedFuture("answer"));
    assertThat(sender.find(QUERY, String.class)).isEqualTo("answer");
  }

  @Test
  void aRefusalBecomesItsProblem() {
    failWith(
        new QueryExecutionException(
            "no provider p-1", null, new Refusal(RefusalCode.NOT_FOUND, "no provider p-1")));
    assertThat(problem().code()).isEqualTo(ProblemCode.NOT_FOUND);
  }

  @Test
  void noQuerySideIs503() {
    failWith(new NoHandlerForQueryException("none"));
    assertThat(problem().code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void aQueryTheHubCouldNotTakeIs503() {
    failWith(
        new AxonServerQueryDispatchException(
            "AXONIQ-5002", ErrorMessage.newBuilder().setMessage("UNAVAILABLE").build()));
    assertThat(problem().code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void aQueryWhoseConnectionToTheHubBreaksIs503() {
    failWith(
        new AxonServerException(
            ErrorCategory.QUERY_DISPATCH_ERROR,
            "Received exception while dispatching query",
            "bff-1",
            Status.UNAVAILABLE.asRuntimeException()));
    assertThat(problem().code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void noAnswerInTimeIs503() {
    when(gateway.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
        .thenReturn(new CompletableFuture<>());
    assertThat(problem().code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void anyOtherFailureIsAGeneric500() {
    failWith(new QueryExecutionException("NullPointerException in a handler", null));
    ApiProblem problem = problem();
    assertThat(problem.code()).isEqualTo(ProblemCode.INTERNAL_ERROR);
    assertThat(problem.detail()).doesNotContain("NullPointer");
  }

  private void failWith(Throwable failure) {
    when(gateway.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
        .thenReturn(CompletableFuture.failedFuture(failure));
  }

  private ApiProblem problem() {
    return catchThrowableOfType(ApiProblem.class, () -> sender.find(QUERY, String.class));
  }
}

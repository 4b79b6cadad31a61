package io.calisera.axonserver.grpc;

import io.calisera.axonserver.access.Application;
import io.calisera.axonserver.access.Applications;
import io.calisera.axonserver.access.CallRights;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a call only for the {@code default} context, only with the token of a known application,
 * and only when that application holds the right the method needs ({@link CallRights}); the call
 * then runs knowing its caller ({@link #caller()}). Refusals use the codes and statuses of real
 * Axon Server, which the connector logs with their text: AXONIQ-1000 without a token, AXONIQ-1001
 * with a token the hub does not know or one without the right (both {@code PERMISSION_DENIED}).
 */
public final class HubCallInterceptor implements ServerInterceptor {

  public static final String DEFAULT_CONTEXT = "default";

  private static final Logger log = LoggerFactory.getLogger(HubCallInterceptor.class);
  private static final Metadata.Key<String> CONTEXT =
      Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Application> CALLER = Context.key("calisera-hub-caller");

  private final Applications applications;

  public HubCallInterceptor(Applications applications) {
    this.applications = applications;
  }

  /** The application whose call is running on this thread (inside a call's handler). */
  public static Application caller() {
    Application caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("Not inside a call that HubCallInterceptor admitted");
    }
    return caller;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    StatusRuntimeException refusal = null;
    String context = headers.get(CONTEXT);
    String token = headers.get(ACCESS_TOKEN);
    Optional<Application> caller = Optional.empty();
    if (context != null && !context.isEmpty() && !DEFAULT_CONTEXT.equals(context)) {
      refusal =
          ErrorCode.CONTEXT_NOT_FOUND.asException(
              "Unknown context '" + context + "': this hub serves only the 'default' context");
    } else if (token == null || token.isEmpty()) {
      refusal =
          ErrorCode.AUTHENTICATION_TOKEN_MISSING.asException(
              "Access token missing: set axon.axonserver.token (AXON_AXONSERVER_TOKEN)");
    } else {
      caller = applications.authenticate(token);
      if (caller.isEmpty()) {
        refusal = ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException("Invalid access token");
      } else {
        Optional<String> notAllowed = CallRights.refusal(caller.get(), method);
        if (notAllowed.isPresent()) {
          refusal = ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException(notAllowed.get());
        }
      }
    }
    if (refusal != null) {
      log.warn(
          "Refused {} from {}{}: {}",
          method,
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          caller.map(application -> " (application " + application.name() + ")").orElse(""),
          refusal.getStatus().getDescription());
      call.close(refusal.getStatus(), refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(callOf(caller.get()), call, headers, next);
  }

  /** The context a call of {@code caller} runs in. */
  static Context callOf(Application caller) {
    return Context.current().withValue(CALLER, caller);
  }
}

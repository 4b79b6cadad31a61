package io.calisera.axonserver.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a call only for the {@code default} context and, when the hub has an access token, only
 * with that token. Refusals use the codes a connector knows, so the application logs say why.
 */
public final class HubCallInterceptor implements ServerInterceptor {

  public static final String DEFAULT_CONTEXT = "default";

  private static final Logger log = LoggerFactory.getLogger(HubCallInterceptor.class);
  private static final Metadata.Key<String> CONTEXT =
      Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] accessToken;

  /**
   * @param accessToken the token to require, or null or blank to admit calls without one
   */
  public HubCallInterceptor(String accessToken) {
    this.accessToken =
        accessToken == null || accessToken.isBlank()
            ? null
            : accessToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    StatusRuntimeException refusal = refusal(headers);
    if (refusal != null) {
      log.warn(
          "Refused {} from {}: {}",
          call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          refusal.getStatus().getDescription());
      call.close(refusal.getStatus(), refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  private StatusRuntimeException refusal(Metadata headers) {
    String context = headers.get(CONTEXT);
    if (context != null && !context.isEmpty() && !DEFAULT_CONTEXT.equals(context)) {
      return ErrorCode.CONTEXT_NOT_FOUND.asException(
          "Unknown context '" + context + "': this hub serves only the 'default' context");
    }
    if (accessToken == null) {
      return null;
    }
    String token = headers.get(ACCESS_TOKEN);
    if (token == null || token.isEmpty()) {
      return ErrorCode.AUTHENTICATION_TOKEN_MISSING.asException(
          "Access token missing: set axon.axonserver.token");
    }
    if (!MessageDigest.isEqual(accessToken, token.getBytes(StandardCharsets.UTF_8))) {
      return ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException("Invalid access token");
    }
    return null;
  }
}

package io.calisera.axonserver.grpc;

import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The AXONIQ error codes the hub produces, with the gRPC status real Axon Server uses for each.
 * Errors of calls go out as a status whose description starts with {@code [code]} plus the {@code
 * AxonIQ-ErrorCode} trailer; errors of commands and queries are replies carrying an {@link
 * ErrorMessage}.
 */
public enum ErrorCode {
  AUTHENTICATION_TOKEN_MISSING("AXONIQ-1000", Status.Code.PERMISSION_DENIED),
  AUTHENTICATION_INVALID_TOKEN("AXONIQ-1001", Status.Code.PERMISSION_DENIED),
  UNSUPPORTED_INSTRUCTION("AXONIQ-1002", Status.Code.UNIMPLEMENTED),
  CONTEXT_NOT_FOUND("AXONIQ-1302", Status.Code.NOT_FOUND),
  /** A limit of the hub's memory reached: retry later. Real AS's code for full queues. */
  TOO_MANY_REQUESTS("AXONIQ-1900", Status.Code.RESOURCE_EXHAUSTED),
  INVALID_EVENT_SEQUENCE("AXONIQ-2000", Status.Code.OUT_OF_RANGE),
  EVENT_PAYLOAD_TOO_LARGE("AXONIQ-2001", Status.Code.INVALID_ARGUMENT),
  NO_HANDLER_FOR_COMMAND("AXONIQ-4000", Status.Code.NOT_FOUND),
  CONNECTION_TO_HANDLER_LOST("AXONIQ-4001", Status.Code.UNAVAILABLE),
  COMMAND_EXECUTION_ERROR("AXONIQ-4002", Status.Code.CANCELLED),
  /** The command could not be handed to its handler (it has too much waiting): retry later. */
  COMMAND_DISPATCH_ERROR("AXONIQ-4003", Status.Code.UNAVAILABLE),
  NO_HANDLER_FOR_QUERY("AXONIQ-5000", Status.Code.NOT_FOUND),
  /** The query could not be handed to a handler (it has too much waiting): retry later. */
  QUERY_DISPATCH_ERROR("AXONIQ-5001", Status.Code.UNAVAILABLE),
  TOO_MANY_EVENTS("AXONIQ-2002", Status.Code.INVALID_ARGUMENT),
  /** A message without a field the hub needs; real AS uses this code for validation failures. */
  VALIDATION_FAILED("AXONIQ-9200", Status.Code.INVALID_ARGUMENT),
  TRANSACTION_ROLLED_BACK("AXONIQ-9900", Status.Code.CANCELLED),
  OTHER("AXONIQ-0001", Status.Code.CANCELLED);

  /** The trailer every failed call carries. */
  public static final Metadata.Key<String> TRAILER =
      Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

  private final String code;
  private final Status.Code status;

  ErrorCode(String code, Status.Code status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  /** The failure of a call: status, {@code [code] message} and the error-code trailer. */
  public StatusRuntimeException asException(String message) {
    var trailers = new Metadata();
    trailers.put(TRAILER, code);
    return Status.fromCode(status)
        .withDescription("[" + code + "] " + message)
        .asRuntimeException(trailers);
  }

  /** The error part of a command or query reply. */
  public ErrorMessage asErrorMessage(String message, String location) {
    return ErrorMessage.newBuilder()
        .setErrorCode(code)
        .setMessage(message)
        .setLocation(location)
        .build();
  }
}

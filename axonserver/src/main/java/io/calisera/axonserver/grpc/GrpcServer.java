package io.calisera.axonserver.grpc;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** The gRPC listener, started once everything behind it is ready and stopped first. */
public final class GrpcServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final int port;
  private final int maxMessageSize;
  private final HubCallInterceptor interceptor;
  private final List<BindableService> services;
  private final Runnable beforeShutdown;
  private final Set<String> nonBlockingMethods;
  private final Executor blockingCalls;
  private volatile Server server;

  /**
   * @param beforeShutdown runs when stopping, before calls are drained (e.g. ends the endless event
   *     streams, which would otherwise hold the shutdown up)
   * @param nonBlockingMethods full names of the methods whose handlers never block: their calls run
   *     entirely on the transport threads
   * @param blockingCalls where the calls of every other method run: gRPC looks each call's method
   *     up on the transport thread and only then hands the call over, so an append never wakes
   *     another thread (on a small machine that hand-off cost more than the append's own work)
   */
  public GrpcServer(
      int port,
      int maxMessageSize,
      HubCallInterceptor interceptor,
      List<BindableService> services,
      Runnable beforeShutdown,
      Set<String> nonBlockingMethods,
      Executor blockingCalls) {
    this.port = port;
    this.maxMessageSize = maxMessageSize;
    this.interceptor = interceptor;
    this.services = services;
    this.beforeShutdown = beforeShutdown;
    this.nonBlockingMethods = Set.copyOf(nonBlockingMethods);
    this.blockingCalls = blockingCalls;
  }

  @Override
  public void start() {
    // Clients ping every 10 s even when idle; real Axon Server allows pings every second.
    NettyServerBuilder builder =
        NettyServerBuilder.forPort(port)
            .permitKeepAliveTime(1, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .maxInboundMessageSize(maxMessageSize)
            // gRPC starts every call on this executor and only then asks the supplier below
            .directExecutor()
            .callExecutor(
                new ServerCallExecutorSupplier() {
                  @Override
                  public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                    // null: stay on the transport thread
                    return nonBlockingMethods.contains(
                            call.getMethodDescriptor().getFullMethodName())
                        ? null
                        : blockingCalls;
                  }
                });
    services.forEach(
        service -> builder.addService(ServerInterceptors.intercept(service, interceptor)));
    try {
      server = builder.build().start();
    } catch (IOException e) {
      if (e.getCause() instanceof BindException || e instanceof BindException) {
        throw new IllegalStateException(
            "gRPC port " + port + " is already in use (set CALISERA_HUB_GRPC_PORT to another port)",
            e);
      }
      throw new UncheckedIOException("Could not start the gRPC server on port " + port, e);
    }
    log.info("Axon Server gRPC API listening on port {}", server.getPort());
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void stop() {
    Server running = server;
    if (running == null) {
      return;
    }
    beforeShutdown.run();
    running.shutdown();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        running.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.shutdownNow();
    }
    server = null;
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}

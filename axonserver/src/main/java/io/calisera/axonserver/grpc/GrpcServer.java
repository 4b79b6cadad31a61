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
import java.net.InetSocketAddress;
import java.nio.file.Path;
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

  /**
   * The listener's TLS material, PEM files: the certificate chain (the server's certificate first)
   * and its private key (PKCS#8, "BEGIN PRIVATE KEY").
   */
  public record Tls(Path certChain, Path privateKey) {}

  /**
   * What one client connection may make the transport hold (outside the heap: Netty's direct
   * buffers).
   *
   * @param maxMessageSize the largest message accepted; one being received is assembled whole
   * @param flowControlWindow the bytes a client may send before the hub has taken them, on each
   *     call and on the connection as a whole (HTTP/2's windows; fixed, not tuned up by gRPC)
   * @param maxCallsPerConnection calls open at once on one connection (HTTP/2's {@code
   *     MAX_CONCURRENT_STREAMS}): the client's further calls wait for one to end
   */
  public record Transport(int maxMessageSize, int flowControlWindow, int maxCallsPerConnection) {}

  private final String bindAddress;
  private final int port;
  private final Tls tls;
  private final Transport transport;
  private final HubCallInterceptor interceptor;
  private final OpenCallLimits limits;
  private final List<BindableService> services;
  private final Runnable beforeShutdown;
  private final Set<String> nonBlockingMethods;
  private final Executor blockingCalls;
  private volatile Server server;

  /**
   * @param bindAddress the address to listen on (loopback unless an operator opens it)
   * @param tls the port's TLS material, or null for plaintext
   * @param beforeShutdown runs when stopping, before calls are drained (e.g. ends the endless event
   *     streams, which would otherwise hold the shutdown up)
   * @param nonBlockingMethods full names of the methods whose handlers never block: their calls run
   *     entirely on the transport threads
   * @param blockingCalls where the calls of every other method run: gRPC looks each call's method
   *     up on the transport thread and only then hands the call over, so an append never wakes
   *     another thread (on a small machine that hand-off cost more than the append's own work)
   */
  public GrpcServer(
      String bindAddress,
      int port,
      Tls tls,
      Transport transport,
      HubCallInterceptor interceptor,
      OpenCallLimits limits,
      List<BindableService> services,
      Runnable beforeShutdown,
      Set<String> nonBlockingMethods,
      Executor blockingCalls) {
    this.bindAddress = bindAddress;
    this.port = port;
    this.tls = tls;
    this.transport = transport;
    this.interceptor = interceptor;
    this.limits = limits;
    this.services = services;
    this.beforeShutdown = beforeShutdown;
    this.nonBlockingMethods = Set.copyOf(nonBlockingMethods);
    this.blockingCalls = blockingCalls;
  }

  @Override
  public void start() {
    // Clients ping every 10 s even when idle; real Axon Server allows pings every second.
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port))
            .permitKeepAliveTime(1, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .maxInboundMessageSize(transport.maxMessageSize())
            .flowControlWindow(transport.flowControlWindow())
            .maxConcurrentCallsPerConnection(transport.maxCallsPerConnection())
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
    if (tls != null) {
      builder.useTransportSecurity(tls.certChain().toFile(), tls.privateKey().toFile());
    }
    // the last one sees a call first: the limits count the caller that the interceptor admitted
    services.forEach(
        service -> builder.addService(ServerInterceptors.intercept(service, limits, interceptor)));
    try {
      server = builder.build().start();
    } catch (IOException e) {
      Throwable bind = e instanceof BindException ? e : e.getCause();
      if (bind instanceof BindException) {
        // "Address already in use", or an address this machine does not have
        throw new IllegalStateException(
            "Cannot listen on "
                + bindAddress
                + ":"
                + port
                + " for gRPC: "
                + bind.getMessage()
                + " (set CALISERA_HUB_GRPC_PORT or CALISERA_HUB_BIND_ADDRESS)",
            e);
      }
      throw new UncheckedIOException("Could not start the gRPC server on port " + port, e);
    }
    log.info(
        "Axon Server gRPC API listening on {}:{} ({})",
        bindAddress,
        server.getPort(),
        tls == null ? "plaintext" : "TLS, certificate " + tls.certChain());
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

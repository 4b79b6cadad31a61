package io.calisera.axonserver.config;

import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.calisera.axonserver.access.AccessTokenFilter;
import io.calisera.axonserver.access.Applications;
import io.calisera.axonserver.command.CommandService;
import io.calisera.axonserver.eventstore.ChainKey;
import io.calisera.axonserver.eventstore.EventStore;
import io.calisera.axonserver.eventstore.EventStoreService;
import io.calisera.axonserver.grpc.GrpcServer;
import io.calisera.axonserver.grpc.HubCallInterceptor;
import io.calisera.axonserver.grpc.OpenCallLimits;
import io.calisera.axonserver.platform.PlatformService;
import io.calisera.axonserver.query.QueryService;
import io.grpc.MethodDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the gRPC services of the hub. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HubProperties.class, IntegrityProperties.class})
class HubConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HubConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService hubTimer() {
    return Executors.newSingleThreadScheduledExecutor(named("hub-timer"));
  }

  /**
   * Feeds the event streams. Its queue stays short however many streams there are: a stream asks
   * for a turn only when it has none pending.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService eventStreamExecutor(HubProperties hub) {
    return Executors.newFixedThreadPool(hub.eventStreamThreads(), named("event-stream"));
  }

  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  EventStore eventStore(
      DataSource dataSource,
      HubProperties hub,
      IntegrityProperties integrity,
      Clock clock,
      ScheduledExecutorService hubTimer,
      MeterRegistry meters) {
    return EventStore.open(
        dataSource,
        new EventStore.Limits(
            hub.appendBatchEvents(),
            hub.maxTransactionSize(),
            hub.appendQueueSize(),
            hub.appendQueueTimeout(),
            hub.databaseTimeout(),
            Runtime.getRuntime().maxMemory() / 16),
        new EventStore.Evidence(
            ChainKey.readOrCreate(integrity.keyFile()),
            integrity.checkpointFile(),
            integrity.checkpointInterval(),
            clock),
        hubTimer,
        meters);
  }

  @Bean
  EventStoreService eventStoreService(
      EventStore store,
      ExecutorService eventStreamExecutor,
      HubProperties hub,
      MeterRegistry meters) {
    var service =
        new EventStoreService(
            store,
            eventStreamExecutor,
            hub.maxEventSize(),
            hub.maxTransactionSize(),
            hub.appendBufferSize(),
            hub.blacklistRefreshInterval());
    meters.gauge("calisera.hub.event.streams", service, EventStoreService::openEventStreams);
    meters.gauge(
        "calisera.hub.append.buffer.bytes", service, EventStoreService::bufferedAppendBytes);
    return service;
  }

  @Bean
  NodeInfo nodeInfo(HubProperties hub, org.springframework.core.env.Environment env) {
    return NodeInfo.newBuilder()
        .setHostName(hub.advertisedHost())
        .setGrpcPort(hub.grpcPort())
        .setHttpPort(env.getProperty("server.port", Integer.class, 8024))
        .setNodeName(hub.nodeName())
        .build();
  }

  @Bean
  PlatformService platformService(
      NodeInfo node, Clock clock, HubProperties hub, MeterRegistry meters) {
    var service = new PlatformService(node, clock, hub.streamBufferSize());
    meters.gauge("calisera.hub.clients", service, s -> s.clients().size());
    return service;
  }

  @Bean
  CommandService commandService(
      HubProperties hub, ScheduledExecutorService hubTimer, MeterRegistry meters) {
    var service =
        new CommandService(hub.nodeName(), hub.commandTimeout(), hubTimer, hub.streamBufferSize());
    meters.gauge("calisera.hub.commands.pending", service, CommandService::pendingCommands);
    return service;
  }

  @Bean
  QueryService queryService(
      HubProperties hub, ScheduledExecutorService hubTimer, MeterRegistry meters) {
    var service =
        new QueryService(
            hub.nodeName(), hub.defaultQueryTimeout(), hubTimer, hub.streamBufferSize());
    meters.gauge("calisera.hub.queries.pending", service, QueryService::pendingQueries);
    meters.gauge(
        "calisera.hub.subscription.queries", service, QueryService::activeSubscriptionQueries);
    return service;
  }

  /**
   * Runs the calls that read the database. gRPC gives it at most one task per call at a time, so
   * its queue is as long as the calls waiting for a thread.
   */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService callExecutor(HubProperties hub) {
    return Executors.newFixedThreadPool(hub.callThreads(), named("hub-call"));
  }

  /** Who may call the hub, and what each may do. */
  @Bean
  Applications applications(HubProperties hub) {
    Applications applications = Applications.read(hub.applicationsFile());
    log.info(
        "{} applications may call the hub (from {})",
        applications.size(),
        hub.applicationsFile().toAbsolutePath());
    return applications;
  }

  @Bean
  AccessTokenFilter accessTokenFilter(Applications applications) {
    return new AccessTokenFilter(applications);
  }

  @Bean
  OpenCallLimits openCallLimits(HubProperties hub, MeterRegistry meters) {
    var limits = new OpenCallLimits(hub.maxOpenReads(), hub.maxHandlerStreams());
    for (OpenCallLimits.Kind kind : OpenCallLimits.Kind.values()) {
      meters.gauge(
          "calisera.hub.open.calls",
          Tags.of("kind", kind.name().toLowerCase(Locale.ROOT)),
          limits,
          l -> l.open(kind));
    }
    return limits;
  }

  @Bean
  GrpcServer grpcServer(
      HubProperties hub,
      Applications applications,
      PlatformService platform,
      CommandService commands,
      QueryService queries,
      EventStoreService events,
      OpenCallLimits limits,
      ExecutorService callExecutor) {
    GrpcServer.Tls tls = hub.tls().files().orElse(null);
    if (tls == null && !isLoopback(hub.bindAddress()) && !hub.plaintextBeyondLoopback()) {
      throw new IllegalStateException(
          "The hub's gRPC port would listen on "
              + hub.bindAddress()
              + " without TLS: access tokens would cross the network in clear. Set"
              + " CALISERA_HUB_TLS_CERT_CHAIN_FILE and CALISERA_HUB_TLS_PRIVATE_KEY_FILE, or"
              + " CALISERA_HUB_PLAINTEXT_BEYOND_LOOPBACK=true where something else encrypts the"
              + " network.");
    }
    return new GrpcServer(
        hub.bindAddress(),
        hub.grpcPort(),
        tls,
        new GrpcServer.Transport(
            hub.maxMessageSize(), hub.flowControlWindow(), hub.maxCallsPerConnection()),
        new HubCallInterceptor(applications),
        limits,
        List.of(platform, commands, queries, events),
        events::completeStreams,
        // routing, heartbeats and appends only touch memory (an append queues its events for the
        // writer, an event stream reads on its own executor); the database reads block
        Stream.of(
                PlatformServiceGrpc.getGetPlatformServerMethod(),
                PlatformServiceGrpc.getOpenStreamMethod(),
                CommandServiceGrpc.getOpenStreamMethod(),
                CommandServiceGrpc.getDispatchMethod(),
                QueryServiceGrpc.getOpenStreamMethod(),
                QueryServiceGrpc.getQueryMethod(),
                QueryServiceGrpc.getSubscriptionMethod(),
                EventStoreGrpc.getAppendEventMethod(),
                EventStoreGrpc.getListEventsMethod())
            .map(MethodDescriptor::getFullMethodName)
            .collect(Collectors.toSet()),
        callExecutor);
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Unknown bind address " + address, e);
    }
  }

  private static ThreadFactory named(String prefix) {
    var counter = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

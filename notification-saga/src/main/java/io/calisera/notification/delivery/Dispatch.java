package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns notices into deliveries and sends them, outside every saga and booking: a few sender
 * threads (on every instance) take due work from the database with {@code FOR UPDATE SKIP LOCKED},
 * so a slow or broken gateway delays messages and nothing else, and each message is attempted by
 * one sender at a time. They wake when a saga step that posted notices commits, and otherwise look
 * every {@code pollInterval} (retries fall due, another instance posted).
 *
 * <p>A message is sent at most once per attempt, and an attempt is recorded before it starts (its
 * lease) and after the gateway answered (sent, or failed and when to try again). A sender that dies
 * between the gateway's acceptance and the record leaves the delivery claimed; when the lease
 * lapses it is tried again, under the same key ({@link Letter#key()}). That window is the gateway's
 * answer plus one database commit: decision 0008 says why it cannot be closed and how narrow it is.
 */
@Component
public class Dispatch implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatch.class);
  private static final int BATCH = 20;

  private final Deliveries deliveries;
  private final Addressing addressing;
  private final Sending sending;
  private final List<NotificationChannel> unconfigured;
  private final Retries retries;
  private final TransactionTemplate transactions;
  private final int senders;
  private final Duration pollInterval;
  private final Duration lease;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private long wakeUps;

  Dispatch(
      Deliveries deliveries,
      Directory directory,
      DeviceBook devices,
      List<Courier> couriers,
      Retries retries,
      PlatformTransactionManager transactionManager,
      @Value("${calisera.notifications.senders:2}") int senders,
      @Value("${calisera.notifications.poll-interval:1s}") Duration pollInterval,
      @Value("${calisera.notifications.lease:60s}") Duration lease) {
    Map<NotificationChannel, Courier> byChannel = new EnumMap<>(NotificationChannel.class);
    couriers.forEach(courier -> byChannel.put(courier.channel(), courier));
    if (byChannel.size() != NotificationChannel.values().length) {
      throw new IllegalStateException(
          "A courier for every channel is needed, found " + byChannel.keySet());
    }
    this.deliveries = deliveries;
    this.addressing = new Addressing(directory, devices);
    this.sending = new Sending(deliveries, directory, byChannel, retries);
    this.unconfigured =
        Arrays.stream(NotificationChannel.values())
            .filter(channel -> !byChannel.get(channel).configured())
            .toList();
    this.retries = retries;
    this.transactions = new TransactionTemplate(transactionManager);
    this.senders = senders;
    this.pollInterval = pollInterval;
    this.lease = lease;
  }

  /** Wakes the senders once the current transaction (a saga step) has committed. */
  void afterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake();
            }
          });
    } else {
      wake();
    }
  }

  private void wake() {
    lock.lock();
    try {
      wakeUps++;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void start() {
    running = true;
    log.info(
        "Sending with {} sender(s); channels without a gateway (their messages are recorded"
            + " SKIPPED): {}",
        senders,
        unconfigured);
    for (int i = 0; i < senders; i++) {
      Thread thread = new Thread(this::run, "notification-sender-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void run() {
    while (running) {
      long seen;
      lock.lock();
      try {
        seen = wakeUps;
      } finally {
        lock.unlock();
      }
      boolean worked;
      try {
        worked = addressSome() | sendSome();
      } catch (RuntimeException e) {
        log.warn("Sending notifications failed; trying again shortly", e);
        worked = false;
      }
      if (!worked) {
        awaitWork(seen);
      }
    }
  }

  private void awaitWork(long seen) {
    lock.lock();
    try {
      if (running && wakeUps == seen) {
        work.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /** Addresses due notices; whether there were any. */
  boolean addressSome() {
    Boolean any =
        transactions.execute(
            status -> {
              List<StoredNotice> notices = deliveries.lockNoticesToAddress(BATCH);
              for (StoredNotice notice : notices) {
                address(notice);
              }
              return !notices.isEmpty();
            });
    return Boolean.TRUE.equals(any);
  }

  private void address(StoredNotice notice) {
    try {
      deliveries.addressed(notice, addressing.recipients(notice), unconfigured);
    } catch (DeliveryFailure failure) {
      int attempts = notice.attempts() + 1;
      if (retries.exhausted(attempts)) {
        log.warn(
            "Notice {} of booking {} given up after {} attempts: {}",
            notice.id(),
            notice.notice().booking().bookingId(),
            attempts,
            failure.getMessage());
        deliveries.addressed(notice, List.of(), unconfigured);
      } else {
        deliveries.addressingFailed(notice, failure.getMessage(), retries.after(attempts));
      }
    }
  }

  /**
   * Sends one due delivery; whether there was one. One at a time, so that the lease covers exactly
   * one attempt (a batch held while its first messages time out could lapse before its last).
   */
  boolean sendSome() {
    List<Claimed> claimed = deliveries.claim(1, lease);
    claimed.forEach(sending::attempt);
    return !claimed.isEmpty();
  }

  @Override
  public void stop() {
    running = false;
    wake();
    for (Thread thread : threads) {
      try {
        thread.join(lease.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

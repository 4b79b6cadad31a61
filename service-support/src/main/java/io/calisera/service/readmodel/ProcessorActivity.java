package io.calisera.service.readmodel;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfigurer;

/**
 * Tells one waiting thread that the event processors did something. A processor's position moves
 * only in its work packages (a batch applied, or the token advanced over events the read model
 * ignores), which run on the processors' worker threads: every processor gets its workers from
 * {@link #workers}, and their finished tasks signal. A bean without dependencies, so that Axon's
 * configuration can use it while it is being built.
 */
public class ProcessorActivity {

  private final AtomicBoolean signalled = new AtomicBoolean();
  private volatile Thread waiter;

  /**
   * The workers of a processor's work packages (four threads, as Axon's default), whose finished
   * tasks signal; the service's processors module installs them for every processor of its read
   * models.
   */
  public ScheduledExecutorService workers(String processor) {
    AtomicInteger number = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread =
              new Thread(task, "WorkPackage[" + processor + "]-" + number.getAndIncrement());
          thread.setDaemon(true);
          return thread;
        };
    return new ScheduledThreadPoolExecutor(4, threads) {
      @Override
      protected void afterExecute(Runnable task, Throwable failure) {
        super.afterExecute(task, failure);
        signal();
      }
    };
  }

  /**
   * Makes every processor of {@code processing} a pooled streaming one on workers from {@link
   * #workers}: {@code initialSegments} segments when its tokens are first made, and up to {@code
   * batchSize} events applied between two tokens.
   */
  public EventProcessingConfigurer usePooledProcessors(
      EventProcessingConfigurer processing, int batchSize, int initialSegments) {
    return processing.usingPooledStreamingEventProcessors(
        (config, builder) ->
            builder
                .batchSize(batchSize)
                .initialSegmentCount(initialSegments)
                .workerExecutor(
                    name -> {
                      ScheduledExecutorService workers = workers(name);
                      config.onShutdown(workers::shutdown);
                      return workers;
                    }));
  }

  /** Something may have moved; wakes the waiter. Cheap: called after every processor task. */
  void signal() {
    if (!signalled.getAndSet(true)) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Returns once there was a signal since the last return (at once if there was one meanwhile),
   * after {@code nanos} at the latest, or spuriously. For one thread only.
   */
  public void await(long nanos) {
    waiter = Thread.currentThread();
    if (!signalled.getAndSet(false)) {
      LockSupport.parkNanos(this, nanos);
      signalled.set(false);
    }
  }
}

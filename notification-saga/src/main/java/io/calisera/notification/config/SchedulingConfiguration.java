package io.calisera.notification.config;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deadlines on db-scheduler in this service's PostgreSQL (table {@code scheduled_tasks}), read by
 * Axon's {@code DbSchedulerDeadlineManager}: they survive restarts and crashes, run once across
 * instances, and are scheduled and cancelled in the transaction of the saga step that decides them.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

  /**
   * db-scheduler tells due from not yet due by the service's business clock, as the sagas do. It
   * also waits between two polls until its clock has moved by the polling interval, so a business
   * clock that stands still ({@code calisera.fixed-now}) would stop it after its first poll: such a
   * clock runs on here, in real time, from where it stands.
   */
  @Bean("dbSchedulerClock")
  com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
    return new RunningOn(clock);
  }

  /** The business clock, or, while it stands still, its instant plus the real time since. */
  static final class RunningOn implements com.github.kagkarlsson.scheduler.Clock {

    private final Clock business;
    private Instant last;
    private long lastNanos;

    RunningOn(Clock business) {
      this.business = business;
    }

    @Override
    public synchronized Instant now() {
      Instant instant = business.instant();
      // elapsed real time, not a time of day: business time still comes from the Clock alone
      long nanos = System.nanoTime();
      if (!instant.equals(last)) {
        last = instant;
        lastNanos = nanos;
        return instant;
      }
      return instant.plusNanos(nanos - lastNanos);
    }
  }

  /**
   * Axon's deadline task, but a deadline that fails (a decline while the hub is away) is tried
   * again after 1 s, doubling up to 5 minutes, instead of db-scheduler's flat 5 minutes.
   */
  @Bean
  @Qualifier("deadlineDetailsTask")
  Task<DbSchedulerBinaryDeadlineDetails> dbSchedulerDeadlineDetailsTask(
      ApplicationContext context) {
    Task<DbSchedulerBinaryDeadlineDetails> axons =
        DbSchedulerDeadlineManager.binaryTask(
            () -> (DbSchedulerDeadlineManager) context.getBean(DeadlineManager.class));
    return new Tasks.OneTimeTaskBuilder<>(axons.getName(), DbSchedulerBinaryDeadlineDetails.class)
        .onFailure(new CappedBackoff<>(Duration.ofSeconds(1), Duration.ofMinutes(5)))
        .execute(axons::execute);
  }

  /** Exponential backoff from {@code first}, doubling, never longer than {@code cap}. */
  record CappedBackoff<T>(Duration first, Duration cap) implements FailureHandler<T> {

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
      int failures = complete.getExecution().consecutiveFailures;
      Duration wait = first.multipliedBy(1L << Math.min(failures, 20));
      operations.reschedule(
          complete, complete.getTimeDone().plus(wait.compareTo(cap) > 0 ? cap : wait));
    }
  }
}

package io.calisera.notification.config;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
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

  /** db-scheduler tells due from not yet due by the service's business clock, as the sagas do. */
  @Bean("dbSchedulerClock")
  com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
    return clock::instant;
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

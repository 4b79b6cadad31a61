package io.calisera.analytics.facts;

import io.calisera.api.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider as the analytics keep it, within one batch of events: its zone and its schedules, with
 * what the batch must write.
 */
final class ProviderFacts {

  final String providerId;
  ZoneId zone;
  long position;

  /** Its schedules, when the batch reads them (a zone or schedule change), else none. */
  final List<ScheduleVersion> versions;

  // what the batch changed
  boolean changed;
  boolean zoneChanged;
  final List<ScheduleVersion> newVersions = new ArrayList<>();

  ProviderFacts(String providerId, ZoneId zone, long position, List<ScheduleVersion> versions) {
    this.providerId = providerId;
    this.zone = zone;
    this.position = position;
    this.versions = new ArrayList<>(versions);
    this.versions.sort(ScheduleVersion.ORDER);
  }

  /** A provider created by the event at {@code position}. */
  static ProviderFacts created(String providerId, ZoneId zone, long position) {
    ProviderFacts provider = new ProviderFacts(providerId, zone, position, List.of());
    provider.changed = true;
    return provider;
  }

  LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** A schedule set at {@code at}: in force from that local date on. */
  void scheduleSet(Schedule schedule, Instant at, long position) {
    ScheduleVersion version = new ScheduleVersion(dateOf(at), position, schedule, at);
    versions.add(version);
    versions.sort(ScheduleVersion.ORDER);
    newVersions.add(version);
    changed = true;
  }

  /** The schedule in force now, the latest set. */
  Schedule latestSchedule() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1).schedule();
  }
}

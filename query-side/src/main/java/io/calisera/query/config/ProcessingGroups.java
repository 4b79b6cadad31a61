package io.calisera.query.config;

import io.calisera.api.audit.FindBookingAuditEventsQuery;
import java.util.List;

/** The read models, one processing group (and so one event processor and token) each. */
public final class ProcessingGroups {

  public static final String ACCOUNTS = "accounts";
  public static final String PROVIDERS = "providers";
  public static final String BOOKINGS = "bookings";
  public static final String SLOTS = "slots";

  /** The event history for auditors. */
  public static final String AUDIT = FindBookingAuditEventsQuery.READ_MODEL;

  public static final List<String> ALL = List.of(ACCOUNTS, PROVIDERS, BOOKINGS, SLOTS, AUDIT);

  private ProcessingGroups() {}
}

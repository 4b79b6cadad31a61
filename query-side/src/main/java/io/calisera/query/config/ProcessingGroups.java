package io.calisera.query.config;

import java.util.List;

/** The read models, one processing group (and so one event processor and token) each. */
public final class ProcessingGroups {

  public static final String ACCOUNTS = "accounts";
  public static final String PROVIDERS = "providers";
  public static final String BOOKINGS = "bookings";
  public static final String SLOTS = "slots";

  public static final List<String> ALL = List.of(ACCOUNTS, PROVIDERS, BOOKINGS, SLOTS);

  private ProcessingGroups() {}
}

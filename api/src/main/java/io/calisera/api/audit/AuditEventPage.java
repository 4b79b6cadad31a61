package io.calisera.api.audit;

import java.util.List;

/** A page of a provider's events, oldest first. */
public record AuditEventPage(List<AuditEntry> items, int page, int size, long total) {

  public static final int MAX_PAGE_SIZE = 500;

  public AuditEventPage {
    items = List.copyOf(items);
  }
}

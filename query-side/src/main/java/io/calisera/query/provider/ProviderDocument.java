package io.calisera.query.provider;

import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.ServiceView;
import io.calisera.query.common.ScheduleDocument;
import io.calisera.query.common.ServiceDocument;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A provider's page, directory entry, services and schedule in one document, read by id or slug.
 * The {@code *Key} fields are lower-case copies for case-insensitive matching and sorting.
 */
@Document(ProviderDocument.COLLECTION)
record ProviderDocument(
    @Id String providerId,
    String ownerAccountId,
    String slug,
    String displayName,
    String bio,
    String category,
    String city,
    String timeZone,
    String nameKey,
    String categoryKey,
    String cityKey,
    List<ServiceDocument> services,
    ScheduleDocument schedule,
    long position) {

  static final String COLLECTION = "providers";

  ProviderDocument {
    services = services == null ? List.of() : List.copyOf(services);
    schedule = schedule == null ? ScheduleDocument.EMPTY : schedule;
  }

  static ProviderDocument of(
      String providerId,
      String ownerAccountId,
      String slug,
      String displayName,
      String bio,
      String category,
      String city,
      ZoneId timeZone,
      List<ServiceDocument> services,
      ScheduleDocument schedule,
      long position) {
    return new ProviderDocument(
        providerId,
        ownerAccountId,
        slug,
        displayName,
        bio,
        category,
        city,
        timeZone.getId(),
        key(displayName),
        key(category),
        key(city),
        services,
        schedule,
        position);
  }

  static String key(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  ProviderDocument withServices(List<ServiceDocument> changed, long position) {
    return new ProviderDocument(
        providerId,
        ownerAccountId,
        slug,
        displayName,
        bio,
        category,
        city,
        timeZone,
        nameKey,
        categoryKey,
        cityKey,
        changed,
        schedule,
        position);
  }

  ProviderDocument withSchedule(ScheduleDocument changed, long position) {
    return new ProviderDocument(
        providerId,
        ownerAccountId,
        slug,
        displayName,
        bio,
        category,
        city,
        timeZone,
        nameKey,
        categoryKey,
        cityKey,
        services,
        changed,
        position);
  }

  ProviderView view() {
    return new ProviderView(
        providerId,
        slug,
        displayName,
        bio,
        category,
        city,
        ZoneId.of(timeZone),
        ownerAccountId,
        serviceViews(false));
  }

  ProviderSummary summary() {
    return new ProviderSummary(providerId, slug, displayName, category, city, ZoneId.of(timeZone));
  }

  ScheduleView scheduleView() {
    return new ScheduleView(
        providerId, ZoneId.of(timeZone), schedule.weeklyHours(), schedule.dateOverrides());
  }

  List<ServiceView> serviceViews(boolean activeOnly) {
    return services.stream()
        .filter(service -> !activeOnly || service.active())
        .map(
            service -> new ServiceView(service.serviceId(), service.definition(), service.active()))
        .toList();
  }
}

package io.calisera.query.provider;

import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderCreatedEvent;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderProfileUpdatedEvent;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ScheduleReplacedEvent;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceAddedEvent;
import io.calisera.api.provider.ServiceChangedEvent;
import io.calisera.api.provider.ServiceDeactivatedEvent;
import io.calisera.api.provider.ServiceList;
import io.calisera.query.common.Positions;
import io.calisera.query.common.ScheduleDocument;
import io.calisera.query.common.ServiceDocument;
import io.calisera.query.config.ProcessingGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The provider directory and pages: profile, services and schedule per provider, for {@link
 * FindProviderQuery}, {@link SearchProvidersQuery}, {@link FindOwnedProvidersQuery}, {@link
 * FindServicesQuery} and {@link FindScheduleQuery}.
 */
@Component
@ProcessingGroup(ProcessingGroups.PROVIDERS)
public class ProviderProjection implements SmartInitializingSingleton {

  private final MongoTemplate mongo;

  public ProviderProjection(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public void afterSingletonsInstantiated() {
    mongo.indexOps(ProviderDocument.class).createIndex(new Index("slug", Sort.Direction.ASC));
    mongo
        .indexOps(ProviderDocument.class)
        .createIndex(new Index("nameKey", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
    mongo
        .indexOps(ProviderDocument.class)
        .createIndex(new Index("ownerAccountId", Sort.Direction.ASC));
  }

  @EventHandler
  void on(ProviderCreatedEvent event, TrackingToken token) {
    long position = Positions.of(token);
    ProviderDocument current = mongo.findById(event.providerId(), ProviderDocument.class);
    if (current != null && !Positions.isNew(position, current.position())) {
      return;
    }
    mongo.save(
        ProviderDocument.of(
            event.providerId(),
            event.ownerAccountId(),
            event.slug(),
            event.displayName(),
            event.bio(),
            event.category(),
            event.city(),
            event.timeZone(),
            List.of(),
            ScheduleDocument.EMPTY,
            position));
  }

  @EventHandler
  void on(ProviderProfileUpdatedEvent event, TrackingToken token) {
    update(
        event.providerId(),
        token,
        (current, position) ->
            ProviderDocument.of(
                current.providerId(),
                current.ownerAccountId(),
                event.slug() == null ? current.slug() : event.slug(),
                event.displayName(),
                event.bio(),
                event.category(),
                event.city(),
                event.timeZone(),
                current.services(),
                current.schedule(),
                position));
  }

  @EventHandler
  void on(ServiceAddedEvent event, TrackingToken token) {
    update(
        event.providerId(),
        token,
        (current, position) -> {
          List<ServiceDocument> services = new ArrayList<>(current.services());
          services.removeIf(service -> service.serviceId().equals(event.serviceId()));
          services.add(ServiceDocument.of(event.serviceId(), event.definition(), true));
          return current.withServices(services, position);
        });
  }

  @EventHandler
  void on(ServiceChangedEvent event, TrackingToken token) {
    update(
        event.providerId(),
        token,
        (current, position) ->
            current.withServices(
                replace(
                    current.services(),
                    event.serviceId(),
                    service ->
                        ServiceDocument.of(
                            event.serviceId(), event.definition(), service.active())),
                position));
  }

  @EventHandler
  void on(ServiceDeactivatedEvent event, TrackingToken token) {
    update(
        event.providerId(),
        token,
        (current, position) ->
            current.withServices(
                replace(current.services(), event.serviceId(), ServiceDocument::deactivated),
                position));
  }

  @EventHandler
  void on(ScheduleReplacedEvent event, TrackingToken token) {
    update(
        event.providerId(),
        token,
        (current, position) ->
            current.withSchedule(ScheduleDocument.of(event.weekly(), event.overrides()), position));
  }

  @ResetHandler
  void reset() {
    mongo.remove(new Query(), ProviderDocument.class);
  }

  /**
   * Answers {@code Optional<ProviderView>} to a sender asking with {@code optionalInstanceOf}: the
   * nullable value travels, not an {@code Optional}, which the message serializer cannot write (and
   * which Axon unwraps for plain queries but not for the initial result of a subscription query).
   */
  @QueryHandler
  public ProviderView find(FindProviderQuery query) {
    return byIdOrSlug(query.providerIdOrSlug()).map(ProviderDocument::view).orElse(null);
  }

  @QueryHandler
  public ProviderPage search(SearchProvidersQuery query) {
    List<Criteria> filters = new ArrayList<>();
    if (query.text() != null) {
      Pattern contains = Pattern.compile(Pattern.quote(query.text()), Pattern.CASE_INSENSITIVE);
      filters.add(
          new Criteria()
              .orOperator(
                  Criteria.where("displayName").regex(contains),
                  Criteria.where("bio").regex(contains),
                  Criteria.where("category").regex(contains),
                  Criteria.where("city").regex(contains)));
    }
    if (query.category() != null) {
      filters.add(Criteria.where("categoryKey").is(ProviderDocument.key(query.category())));
    }
    if (query.city() != null) {
      filters.add(Criteria.where("cityKey").is(ProviderDocument.key(query.city())));
    }
    Query filter = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
    long total = mongo.count(filter, ProviderDocument.class);
    List<ProviderDocument> found =
        mongo.find(
            Query.of(filter)
                .with(Sort.by("nameKey", "_id"))
                .skip((long) query.page() * query.size())
                .limit(query.size()),
            ProviderDocument.class);
    return new ProviderPage(
        found.stream().map(ProviderDocument::summary).toList(), query.page(), query.size(), total);
  }

  @QueryHandler
  public ProviderPage owned(FindOwnedProvidersQuery query) {
    Query filter = Query.query(Criteria.where("ownerAccountId").is(query.ownerAccountId()));
    long total = mongo.count(filter, ProviderDocument.class);
    List<ProviderDocument> found =
        mongo.find(
            Query.of(filter).with(Sort.by("nameKey", "_id")).limit(FindOwnedProvidersQuery.MAX),
            ProviderDocument.class);
    return new ProviderPage(
        found.stream().map(ProviderDocument::summary).toList(),
        0,
        FindOwnedProvidersQuery.MAX,
        total);
  }

  @QueryHandler
  public ServiceList services(FindServicesQuery query) {
    return new ServiceList(
        query.providerId(),
        Optional.ofNullable(mongo.findById(query.providerId(), ProviderDocument.class))
            .map(provider -> provider.serviceViews(query.activeOnly()))
            .orElse(List.of()));
  }

  /**
   * Answers {@code Optional<ScheduleView>} to a sender asking with {@code optionalInstanceOf}: the
   * nullable value travels, not an {@code Optional}, which the message serializer cannot write (and
   * which Axon unwraps for plain queries but not for the initial result of a subscription query).
   */
  @QueryHandler
  public ScheduleView schedule(FindScheduleQuery query) {
    return Optional.ofNullable(mongo.findById(query.providerId(), ProviderDocument.class))
        .map(ProviderDocument::scheduleView)
        .orElse(null);
  }

  private Optional<ProviderDocument> byIdOrSlug(String idOrSlug) {
    ProviderDocument byId = mongo.findById(idOrSlug, ProviderDocument.class);
    if (byId != null) {
      return Optional.of(byId);
    }
    // A slug moves between providers through two aggregates; while one provider's events lag
    // behind the other's, two documents may show it: the more recently changed one answers.
    return mongo
        .find(
            Query.query(Criteria.where("slug").is(idOrSlug))
                .with(Sort.by(Sort.Direction.DESC, "position"))
                .limit(1),
            ProviderDocument.class)
        .stream()
        .findFirst();
  }

  private interface Change {
    ProviderDocument apply(ProviderDocument current, long position);
  }

  private void update(String providerId, TrackingToken token, Change change) {
    long position = Positions.of(token);
    ProviderDocument current = mongo.findById(providerId, ProviderDocument.class);
    if (current == null || !Positions.isNew(position, current.position())) {
      return;
    }
    mongo.save(change.apply(current, position));
  }

  private static List<ServiceDocument> replace(
      List<ServiceDocument> services, String serviceId, UnaryOperator<ServiceDocument> change) {
    return services.stream()
        .map(service -> service.serviceId().equals(serviceId) ? change.apply(service) : service)
        .toList();
  }
}

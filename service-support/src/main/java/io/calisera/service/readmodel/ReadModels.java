package io.calisera.service.readmodel;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The read models of a service that others read their own writes from (docs/api.md,
 * "Read-your-writes"): one processing group each. A service that declares this bean answers {@code
 * FindReadModelPositionsQuery} with their positions ({@link ReadModelPositionQueries}) and pushes
 * every move to the subscribers ({@link ReadModelProgress}); its processors' work packages must run
 * on {@link ProcessorActivity#workers(String)}, which tells the pusher that something moved.
 *
 * @param names the read models, each a processing group of the service
 * @param storedTokens the tokens stored for a processing group, read without claiming them
 */
public record ReadModels(List<String> names, StoredTokens storedTokens) {

  public ReadModels {
    names = List.copyOf(names);
  }

  /** What a processor's token store holds for it, by segment, without claiming anything. */
  @FunctionalInterface
  public interface StoredTokens {
    Map<Integer, TrackingToken> of(String processorName);
  }
}

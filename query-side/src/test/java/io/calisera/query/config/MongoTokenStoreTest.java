package io.calisera.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calisera.api.common.MessageSerialization;
import io.calisera.query.support.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MongoTokenStoreTest {

  final ReadModels readModels = new ReadModels();
  final JacksonSerializer serializer =
      JacksonSerializer.builder().objectMapper(MessageSerialization.objectMapper()).build();
  final List<String> journal = new ArrayList<>();

  static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  MongoTokenStore node(String nodeId, Duration claimTimeout) {
    return node(nodeId, claimTimeout, NOW);
  }

  /** A node whose clock stands at {@code now}. */
  MongoTokenStore node(String nodeId, Duration claimTimeout, Instant now) {
    return new MongoTokenStore(
        readModels.mongo().getCollection("tokens"),
        serializer,
        claimTimeout,
        nodeId,
        () -> journal.add("flush"),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    readModels.close();
  }

  @Test
  void initializedSegmentsAreClaimedStoredAndFetchedBack() {
    MongoTokenStore store = node("a", Duration.ofSeconds(10));
    store.initializeTokenSegments("p", 2, new GlobalSequenceTrackingToken(4));

    assertThat(store.fetchSegments("p")).containsExactly(0, 1);
    assertThat(store.fetchToken("p", 0)).isEqualTo(new GlobalSequenceTrackingToken(4));
    store.storeToken(new GlobalSequenceTrackingToken(9), "p", 0);
    assertThat(store.fetchToken("p", 0)).isEqualTo(new GlobalSequenceTrackingToken(9));
    assertThat(store.fetchToken("p", 1)).isEqualTo(new GlobalSequenceTrackingToken(4));
  }

  @Test
  void storedTokensAreReadWithoutClaimingThem() {
    MongoTokenStore a = node("a", Duration.ofSeconds(10));
    MongoTokenStore b = node("b", Duration.ofSeconds(10));
    a.initializeTokenSegments("p", 2, null);
    a.fetchToken("p", 0);
    a.storeToken(new GlobalSequenceTrackingToken(7), "p", 0);

    assertThat(b.storedTokens("p"))
        .containsEntry(0, new GlobalSequenceTrackingToken(7))
        .containsEntry(1, null)
        .hasSize(2);
    // still a's: b only looked
    assertThatThrownBy(() -> b.fetchToken("p", 0)).isInstanceOf(UnableToClaimTokenException.class);
    assertThat(b.fetchToken("p", 1)).isNull();
  }

  @Test
  void aNullInitialTokenReadsBackAsNull() {
    MongoTokenStore store = node("a", Duration.ofSeconds(10));
    store.initializeTokenSegments("p", 1, null);

    assertThat(store.fetchToken("p", 0)).isNull();
  }

  @Test
  void aReplayTokenSurvivesTheRoundTrip() {
    MongoTokenStore store = node("a", Duration.ofSeconds(10));
    store.initializeTokenSegments("p", 1, new GlobalSequenceTrackingToken(40));
    TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(40), null);

    store.storeToken(replay, "p", 0);

    assertThat(store.fetchToken("p", 0)).isEqualTo(replay);
  }

  @Test
  void aSegmentClaimedByOneNodeIsRefusedToAnotherUntilReleased() {
    MongoTokenStore a = node("a", Duration.ofSeconds(10));
    MongoTokenStore b = node("b", Duration.ofSeconds(10));
    a.initializeTokenSegments("p", 2);
    a.fetchToken("p", 0);

    assertThatThrownBy(() -> b.fetchToken("p", 0))
        .isInstanceOf(UnableToClaimTokenException.class)
        .hasMessageContaining("owned by a");
    assertThatThrownBy(() -> b.storeToken(new GlobalSequenceTrackingToken(1), "p", 0))
        .isInstanceOf(UnableToClaimTokenException.class);
    assertThatThrownBy(() -> b.extendClaim("p", 0)).isInstanceOf(UnableToClaimTokenException.class);
    assertThat(b.fetchAvailableSegments("p")).extracting(Segment::getSegmentId).containsExactly(1);

    a.releaseClaim("p", 0);

    assertThat(b.fetchToken("p", 0)).isNull();
    a.fetchToken("p", 1);
    a.extendClaim("p", 1);
  }

  @Test
  void aClaimNotExtendedWithinTheTimeoutCanBeTakenOver() {
    MongoTokenStore a = node("a", Duration.ofSeconds(10));
    MongoTokenStore b = node("b", Duration.ofSeconds(10), NOW.plusSeconds(11));
    a.initializeTokenSegments("p", 1);
    a.fetchToken("p", 0);

    assertThat(b.fetchAvailableSegments("p")).hasSize(1);
    b.storeToken(new GlobalSequenceTrackingToken(3), "p", 0);
    assertThatThrownBy(() -> a.extendClaim("p", 0)).isInstanceOf(UnableToClaimTokenException.class);
  }

  @Test
  void segmentsCannotBeInitializedTwice() {
    MongoTokenStore store = node("a", Duration.ofSeconds(10));
    store.initializeTokenSegments("p", 1);

    assertThatThrownBy(() -> store.initializeTokenSegments("p", 1))
        .isInstanceOf(UnableToClaimTokenException.class);
    assertThatThrownBy(() -> store.initializeSegment(null, "p", 0))
        .isInstanceOf(UnableToInitializeTokenException.class);
    store.initializeSegment(null, "p", 1);
    assertThat(store.fetchSegments("p")).containsExactly(0, 1);
    assertThatThrownBy(() -> store.fetchToken("q", 0))
        .isInstanceOf(UnableToClaimTokenException.class)
        .hasMessageContaining("not been initialized");
  }

  @Test
  void onlyTheOwnerDeletesAToken() {
    MongoTokenStore a = node("a", Duration.ofSeconds(10));
    MongoTokenStore b = node("b", Duration.ofSeconds(10));
    a.initializeTokenSegments("p", 2);
    a.fetchToken("p", 1);

    assertThatThrownBy(() -> b.deleteToken("p", 1)).isInstanceOf(UnableToClaimTokenException.class);
    a.deleteToken("p", 1);

    assertThat(a.fetchSegments("p")).containsExactly(0);
  }

  @Test
  void theStorageIdentifierIsStable() {
    String first = node("a", Duration.ofSeconds(10)).retrieveStorageIdentifier().orElseThrow();

    assertThat(node("b", Duration.ofSeconds(10)).retrieveStorageIdentifier()).contains(first);
    assertThat(node("a", Duration.ofSeconds(10)).fetchSegments("__config")).isEmpty();
  }

  @Test
  void theDocumentsAreMadeDurableBeforeATokenMovesForward() {
    MongoTokenStore store = node("a", Duration.ofSeconds(10));
    store.initializeTokenSegments("p", 1);
    store.fetchToken("p", 0);
    journal.clear();

    store.storeToken(new GlobalSequenceTrackingToken(1), "p", 0);

    assertThat(journal).containsExactly("flush");
  }
}

package io.calisera.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.api.readmodel.FindReadModelPositionsQuery;
import io.calisera.api.readmodel.ReadModelPositions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;

class ReadModelProgressTest {

  @Test
  void aNewSubscriptionGetsThePositionsAlthoughNothingMoved() {
    Configuration axon = DefaultConfigurer.defaultConfiguration().buildConfiguration();
    var emitter = SimpleQueryUpdateEmitter.builder().build();
    var positions =
        new ReadModelPositionQueries(axon, new ReadModels(List.of(), processor -> Map.of()));
    var progress = new ReadModelProgress(positions, emitter, new ProcessorActivity());
    List<Object> received = new CopyOnWriteArrayList<>();
    progress.start();
    try {
      for (String subscriber : List.of("bff-1", "bff-2")) {
        var subscription =
            new GenericSubscriptionQueryMessage<>(
                new FindReadModelPositionsQuery(subscriber),
                ResponseTypes.instanceOf(ReadModelPositions.class),
                ResponseTypes.instanceOf(ReadModelPositions.class));
        emitter
            .registerUpdateHandler(subscription, 16)
            .getUpdates()
            .subscribe(update -> received.add(subscriber + " " + update.getPayload()));

        Awaitility.await()
            .untilAsserted(
                () ->
                    assertThat(received)
                        .contains(subscriber + " " + new ReadModelPositions(List.of())));
      }
    } finally {
      progress.stop();
    }
  }
}

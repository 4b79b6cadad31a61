package io.calisera.axonserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundStreamTest {

  /** What the client received, in order; "completed" and "error" mark the end. */
  private static final class Recording implements StreamObserver<String> {
    final List<String> received = new ArrayList<>();
    int completions;
    Throwable error;
    boolean cancelled;

    @Override
    public void onNext(String message) {
      if (cancelled) {
        throw Status.CANCELLED.withDescription("call already cancelled").asRuntimeException();
      }
      received.add(message);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completions++;
    }
  }

  private final Recording client = new Recording();

  @Test
  void nothingIsSentBeforeTheClientGrantsPermits() {
    var stream = OutboundStream.withPermits(client);

    stream.send("command-1");
    stream.send("command-2");

    assertThat(client.received).isEmpty();
    assertThat(stream.queued()).isEqualTo(2);
  }

  @Test
  void eachPermitReleasesOneMessageInTheOrderSent() {
    var stream = OutboundStream.withPermits(client);
    stream.send("command-1");
    stream.send("command-2");
    stream.send("command-3");

    stream.grant(2);

    assertThat(client.received).containsExactly("command-1", "command-2");
    assertThat(stream.queued()).isEqualTo(1);

    stream.grant(5);
    stream.send("command-4");

    assertThat(client.received).containsExactly("command-1", "command-2", "command-3", "command-4");
    assertThat(stream.queued()).isZero();

    stream.send("command-5");
    stream.send("command-6");
    stream.send("command-7");
    stream.send("command-8");
    assertThat(client.received).as("seven granted, seven sent").hasSize(7).endsWith("command-7");
    assertThat(stream.queued()).isEqualTo(1);
  }

  @Test
  void onlyCountedMessagesNeedPermitsButNoneOvertakesAnother() {
    var stream = OutboundStream.withPermits(client, message -> message.startsWith("update"));

    stream.send("initial-result");
    stream.send("update-1");
    stream.send("complete");

    assertThat(client.received)
        .as("the uncounted initial result goes at once; the rest waits behind the update")
        .containsExactly("initial-result");
    assertThat(stream.queued()).isEqualTo(2);

    stream.grant(1);

    assertThat(client.received).containsExactly("initial-result", "update-1", "complete");
    stream.send("update-2");
    assertThat(client.received).as("the permit went to update-1").hasSize(3);
    stream.send("ack");
    assertThat(client.received).as("still behind update-2").hasSize(3);
    stream.grant(1);
    assertThat(client.received).endsWith("update-2", "ack");
  }

  @Test
  void anUnlimitedStreamSendsAtOnce() {
    var stream = OutboundStream.unlimited(client);

    stream.send("ack-1");
    stream.send("ack-2");

    assertThat(client.received).containsExactly("ack-1", "ack-2");
  }

  @Test
  void completingWaitsUntilEverythingQueuedIsSent() {
    var stream = OutboundStream.withPermits(client);
    stream.send("command-1");
    stream.send("command-2");

    stream.complete();

    assertThat(client.completions).isZero();
    assertThat(stream.isOpen()).isTrue();

    stream.send("after-complete");
    stream.grant(1);
    assertThat(client.completions).isZero();

    stream.grant(10);

    assertThat(client.received).containsExactly("command-1", "command-2");
    assertThat(client.completions).isOne();
    assertThat(stream.isOpen()).isFalse();

    stream.complete();
    stream.grant(1);
    assertThat(client.completions).as("completed once").isOne();
  }

  @Test
  void completingAnEmptyStreamCompletesAtOnce() {
    var stream = OutboundStream.withPermits(client);

    stream.complete();

    assertThat(client.completions).isOne();
  }

  @Test
  void failingDropsWhatIsQueuedAndEndsTheStream() {
    var stream = OutboundStream.withPermits(client);
    stream.send("command-1");
    var error = Status.UNAVAILABLE.asRuntimeException();

    stream.fail(error);
    stream.grant(5);
    stream.send("command-2");

    assertThat(client.error).isSameAs(error);
    assertThat(client.received).isEmpty();
    assertThat(stream.queued()).isZero();
    assertThat(stream.isOpen()).isFalse();
  }

  @Test
  void aClientThatWentAwayIsAbandonedWithoutFurtherCalls() {
    var stream = OutboundStream.withPermits(client);
    stream.grant(10);
    client.cancelled = true;

    stream.send("command-1");
    stream.send("command-2");

    assertThat(stream.isOpen()).isFalse();
    assertThat(stream.queued()).isZero();
    stream.complete();
    assertThat(client.completions).isZero();
    assertThat(client.error).isNull();
  }

  @Test
  void zeroOrNegativeGrantsAddNothingAndHugeGrantsDoNotOverflow() {
    var stream = OutboundStream.withPermits(client);
    stream.send("command-1");

    stream.grant(0);
    stream.grant(-5);
    assertThat(client.received).isEmpty();

    stream.grant(Long.MAX_VALUE);
    stream.grant(Long.MAX_VALUE);
    stream.send("command-2");

    assertThat(client.received).containsExactly("command-1", "command-2");
  }
}

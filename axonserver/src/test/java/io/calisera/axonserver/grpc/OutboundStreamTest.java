package io.calisera.axonserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundStreamTest {

  /** What the client received, in order; "completed" and "error" mark the end. */
  private static class Recording extends ServerCallStreamObserver<StringValue> {
    final List<String> received = new ArrayList<>();
    int completions;
    Throwable error;
    boolean cancelled;
    boolean ready = true;
    Runnable onReady;

    @Override
    public void onNext(StringValue message) {
      if (cancelled) {
        throw Status.CANCELLED.withDescription("call already cancelled").asRuntimeException();
      }
      received.add(message.getValue());
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {
      onReady = onReadyHandler;
    }

    /** The transport took what it had and can take more. */
    void becomeReady() {
      ready = true;
      onReady.run();
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completions++;
    }
  }

  /** Large enough for every test's messages but the one about the limit. */
  private static final long LIMIT = 1 << 20;

  private final Recording client = new Recording();
  private final AtomicInteger overflows = new AtomicInteger();

  private OutboundStream<StringValue> withPermits(Recording observer) {
    return OutboundStream.withPermits(observer, LIMIT, overflows::incrementAndGet);
  }

  private static StringValue m(String text) {
    return StringValue.of(text);
  }

  @Test
  void nothingIsSentBeforeTheClientGrantsPermits() {
    var stream = withPermits(client);

    stream.send(m("command-1"));
    stream.send(m("command-2"));

    assertThat(client.received).isEmpty();
    assertThat(stream.queued()).isEqualTo(2);
  }

  @Test
  void eachPermitReleasesOneMessageInTheOrderSent() {
    var stream = withPermits(client);
    stream.send(m("command-1"));
    stream.send(m("command-2"));
    stream.send(m("command-3"));

    stream.grant(2);

    assertThat(client.received).containsExactly("command-1", "command-2");
    assertThat(stream.queued()).isEqualTo(1);

    stream.grant(5);
    stream.send(m("command-4"));

    assertThat(client.received).containsExactly("command-1", "command-2", "command-3", "command-4");
    assertThat(stream.queued()).isZero();

    stream.send(m("command-5"));
    stream.send(m("command-6"));
    stream.send(m("command-7"));
    stream.send(m("command-8"));
    assertThat(client.received).as("seven granted, seven sent").hasSize(7).endsWith("command-7");
    assertThat(stream.queued()).isEqualTo(1);
  }

  @Test
  void onlyCountedMessagesNeedPermitsButNoneOvertakesAnother() {
    var stream =
        OutboundStream.withPermits(
            client,
            message -> message.getValue().startsWith("update"),
            LIMIT,
            overflows::incrementAndGet);

    stream.send(m("initial-result"));
    stream.send(m("update-1"));
    stream.send(m("complete"));

    assertThat(client.received)
        .as("the uncounted initial result goes at once; the rest waits behind the update")
        .containsExactly("initial-result");
    assertThat(stream.queued()).isEqualTo(2);

    stream.grant(1);

    assertThat(client.received).containsExactly("initial-result", "update-1", "complete");
    stream.send(m("update-2"));
    assertThat(client.received).as("the permit went to update-1").hasSize(3);
    stream.send(m("ack"));
    assertThat(client.received).as("still behind update-2").hasSize(3);
    stream.grant(1);
    assertThat(client.received).endsWith("update-2", "ack");
  }

  @Test
  void aStreamWithoutPermitsSendsAtOnce() {
    var stream = OutboundStream.withoutPermits(client, LIMIT, overflows::incrementAndGet);

    stream.send(m("ack-1"));
    stream.send(m("ack-2"));

    assertThat(client.received).containsExactly("ack-1", "ack-2");
  }

  @Test
  void completingWaitsUntilEverythingQueuedIsSent() {
    var stream = withPermits(client);
    stream.send(m("command-1"));
    stream.send(m("command-2"));

    stream.complete();

    assertThat(client.completions).isZero();
    assertThat(stream.isOpen()).isTrue();

    stream.send(m("after-complete"));
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
    var stream = withPermits(client);

    stream.complete();

    assertThat(client.completions).isOne();
  }

  @Test
  void failingDropsWhatIsQueuedAndEndsTheStream() {
    var stream = withPermits(client);
    stream.send(m("command-1"));
    var error = Status.UNAVAILABLE.asRuntimeException();

    stream.fail(error);
    stream.grant(5);
    stream.send(m("command-2"));

    assertThat(client.error).isSameAs(error);
    assertThat(client.received).isEmpty();
    assertThat(stream.queued()).isZero();
    assertThat(stream.isOpen()).isFalse();
  }

  @Test
  void aClientThatWentAwayIsAbandonedWithoutFurtherCalls() {
    var stream = withPermits(client);
    stream.grant(10);
    client.cancelled = true;

    stream.send(m("command-1"));
    stream.send(m("command-2"));

    assertThat(stream.isOpen()).isFalse();
    assertThat(stream.queued()).isZero();
    stream.complete();
    assertThat(client.completions).isZero();
    assertThat(client.error).isNull();
  }

  @Test
  void zeroOrNegativeGrantsAddNothingAndHugeGrantsDoNotOverflow() {
    var stream = withPermits(client);
    stream.send(m("command-1"));

    stream.grant(0);
    stream.grant(-5);
    assertThat(client.received).isEmpty();

    stream.grant(Long.MAX_VALUE);
    stream.grant(Long.MAX_VALUE);
    stream.send(m("command-2"));

    assertThat(client.received).containsExactly("command-1", "command-2");
  }

  @Test
  void nothingIsSentWhileTheTransportIsNotReadyAndAllInOrderWhenItIs() {
    var stream = withPermits(client);
    stream.grant(10);
    client.ready = false;

    stream.send(m("command-1"));
    stream.send(m("command-2"));
    stream.complete();

    assertThat(client.received).isEmpty();
    assertThat(client.completions).isZero();

    client.becomeReady();

    assertThat(client.received).containsExactly("command-1", "command-2");
    assertThat(client.completions).isOne();
  }

  @Test
  void aClientThatLeavesMoreThanTheLimitUnreadLosesTheStream() {
    var stream = OutboundStream.withPermits(client, 100, overflows::incrementAndGet);
    stream.send(m("x".repeat(60)));

    stream.send(m("y".repeat(60)));

    assertThat(client.received).isEmpty();
    assertThat(stream.isOpen()).isFalse();
    assertThat(overflows).as("the owner is told, to forget the stream").hasValue(1);
    assertThat(Status.fromThrowable(client.error).getCode())
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Status.fromThrowable(client.error).getDescription()).startsWith("[AXONIQ-1900] ");
    stream.grant(5);
    assertThat(client.received).as("nothing after the end").isEmpty();
  }

  @Test
  void anOfferBeyondTheLimitIsRefusedAndTheStreamKeepsWhatWaits() {
    var stream = OutboundStream.withPermits(client, 100, overflows::incrementAndGet);
    assertThat(stream.offer(m("x".repeat(60)))).isTrue();

    boolean taken = stream.offer(m("y".repeat(60)));

    assertThat(taken).isFalse();
    assertThat(stream.isOpen()).isTrue();
    assertThat(overflows).hasValue(0);
    stream.grant(5);
    assertThat(client.received).containsExactly("x".repeat(60));
    assertThat(stream.offer(m("z"))).as("room again").isTrue();
  }

  @Test
  void oneMessageLargerThanTheLimitStillGoesWhenNothingElseWaits() {
    var stream = OutboundStream.withPermits(client, 100, overflows::incrementAndGet);

    stream.send(m("z".repeat(500)));
    stream.grant(1);

    assertThat(client.received).hasSize(1);
    assertThat(overflows).hasValue(0);
  }
}

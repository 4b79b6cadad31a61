package io.calisera.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class DigestChainTest {

  private final DigestChain chain = new DigestChain();
  private final byte[] event = "an event".getBytes(StandardCharsets.UTF_8);

  @Test
  void theGenesisIsThirtyTwoZeroBytes() {
    assertThat(DigestChain.GENESIS).hasSize(32).containsOnly(0);
  }

  @Test
  void aLinkIsSha256OverThePreviousDigestTheTokenAndTheEventBytes() throws Exception {
    var sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(DigestChain.GENESIS);
    sha256.update(ByteBuffer.allocate(8).putLong(0, 7).array());
    sha256.update(event);

    assertThat(chain.next(DigestChain.GENESIS, 7, event)).isEqualTo(sha256.digest());
  }

  @Test
  void theSameInputGivesTheSameDigestEveryTime() {
    byte[] first = chain.next(DigestChain.GENESIS, 0, event);
    byte[] again = chain.next(DigestChain.GENESIS, 0, event);
    byte[] fresh = new DigestChain().next(DigestChain.GENESIS, 0, event);

    assertThat(again).isEqualTo(first);
    assertThat(fresh).isEqualTo(first);
  }

  @Test
  void changingTheEventTheTokenOrThePredecessorChangesTheDigest() {
    byte[] previous = chain.next(DigestChain.GENESIS, 0, "first".getBytes(StandardCharsets.UTF_8));
    byte[] digest = chain.next(previous, 1, event);

    byte[] changedEvent = event.clone();
    changedEvent[0] ^= 1;
    assertThat(chain.next(previous, 1, changedEvent)).isNotEqualTo(digest);
    assertThat(chain.next(previous, 2, event)).as("moved to another token").isNotEqualTo(digest);
    assertThat(chain.next(DigestChain.GENESIS, 1, event))
        .as("predecessor removed")
        .isNotEqualTo(digest);
  }

  @Test
  void aChangeEarlyInTheChainChangesEveryLaterLink() {
    byte[][] events = {bytes("e0"), bytes("e1"), bytes("e2"), bytes("e3")};
    byte[][] original = links(events);

    events[1] = bytes("e1 forged");
    byte[][] forged = links(events);

    assertThat(forged[0]).isEqualTo(original[0]);
    for (int i = 1; i < events.length; i++) {
      assertThat(forged[i]).as("link %d", i).isNotEqualTo(original[i]);
    }
  }

  private byte[][] links(byte[][] events) {
    byte[][] digests = new byte[events.length][];
    byte[] previous = DigestChain.GENESIS;
    for (int token = 0; token < events.length; token++) {
      previous = chain.next(previous, token, events[token]);
      digests[token] = previous;
    }
    return digests;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

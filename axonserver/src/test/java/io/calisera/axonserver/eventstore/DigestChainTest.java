package io.calisera.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DigestChainTest {

  private static final byte[] SECRET = bytes("a secret of thirty-two bytes, ok");
  private static final ChainKey KEY = ChainKey.of(SECRET);

  private final DigestChain chain = new DigestChain(KEY, 0);
  private final byte[] event = bytes("an event");

  @Test
  void theGenesisIsThirtyTwoZeroBytes() {
    assertThat(DigestChain.GENESIS).hasSize(32).containsOnly(0);
  }

  @Test
  void aLinkIsAnHmacUnderTheChainsOwnKeyOverThePreviousDigestTheTokenAndTheEventBytes()
      throws Exception {
    var chainKey = new SecretKeySpec(hmac(SECRET, bytes("calisera event chain")), "HmacSHA256");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(chainKey);
    mac.update(DigestChain.GENESIS);
    mac.update(ByteBuffer.allocate(8).putLong(0, 7).array());
    mac.update(event);

    assertThat(chain.next(DigestChain.GENESIS, 7, event)).isEqualTo(mac.doFinal());
  }

  @Test
  void withoutTheKeyNoLinkFits() {
    byte[] link = chain.next(DigestChain.GENESIS, 0, event);

    assertThat(
            new DigestChain(ChainKey.of(bytes("another secret of thirty-two b..")), 0)
                .next(DigestChain.GENESIS, 0, event))
        .isNotEqualTo(link);
    assertThat(new DigestChain(KEY, 1).next(DigestChain.GENESIS, 0, event))
        .as("the unkeyed link")
        .isNotEqualTo(link);
  }

  @Test
  void tokensBeforeTheKeyedOnesKeepTheirUnkeyedSha256Links() throws Exception {
    var older = new DigestChain(KEY, 5);
    var sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(DigestChain.GENESIS);
    sha256.update(ByteBuffer.allocate(8).putLong(0, 4).array());
    sha256.update(event);

    assertThat(older.next(DigestChain.GENESIS, 4, event)).isEqualTo(sha256.digest());
    assertThat(older.next(DigestChain.GENESIS, 5, event))
        .isEqualTo(chain.next(DigestChain.GENESIS, 5, event));
  }

  @Test
  void theSameInputGivesTheSameDigestEveryTime() {
    byte[] first = chain.next(DigestChain.GENESIS, 0, event);
    byte[] again = chain.next(DigestChain.GENESIS, 0, event);
    byte[] fresh = new DigestChain(KEY, 0).next(DigestChain.GENESIS, 0, event);

    assertThat(again).isEqualTo(first);
    assertThat(fresh).isEqualTo(first);
  }

  @Test
  void changingTheEventTheTokenOrThePredecessorChangesTheDigest() {
    byte[] previous = chain.next(DigestChain.GENESIS, 0, bytes("first"));
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

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.calisera.bff.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.calisera.bff.testing.BffTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Capabilities: derived from the booking id under the secret every instance shares. */
@BffTest
class BookingCapabilitiesTest {

  @Autowired BookingCapabilities capabilities;
  @Autowired JdbcClient jdbc;

  @Test
  void aCapabilityOpensItsBookingAndNoOther() {
    String booking = UUID.randomUUID().toString();
    String capability = capabilities.issue(booking);

    assertThat(capability).startsWith(booking + ".").hasSize(booking.length() + 1 + 43);
    assertThat(capabilities.opens(capability, booking)).isTrue();
    assertThat(capabilities.opens(capability, UUID.randomUUID().toString())).isFalse();
    assertThat(capabilities.opens(capabilities.issue("other"), booking)).isFalse();
  }

  @Test
  void aTamperedOrMalformedCapabilityOpensNothing() {
    String booking = UUID.randomUUID().toString();
    String capability = capabilities.issue(booking);
    char last = capability.charAt(capability.length() - 1);
    String tampered = capability.substring(0, capability.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(capabilities.opens(tampered, booking)).isFalse();
    assertThat(capabilities.opens(booking, booking)).isFalse();
    assertThat(capabilities.opens(booking + ".", booking)).isFalse();
    assertThat(capabilities.opens("." + capability, booking)).isFalse();
    assertThat(capabilities.opens(capability + "x".repeat(200), booking)).isFalse();
    assertThat(capabilities.opens(null, booking)).isFalse();
  }

  @Test
  void anotherInstanceOrARestartComputesTheSameCapability() {
    String booking = UUID.randomUUID().toString();
    assertThat(new BookingCapabilities(jdbc).issue(booking)).isEqualTo(capabilities.issue(booking));
  }

  @Test
  void theSecretIsRandomAnd256Bits() {
    capabilities.issue("warm-up");
    byte[] secret =
        jdbc.sql("select secret from booking_capability_key").query(byte[].class).single();
    assertThat(secret).hasSize(32);
  }
}

package io.calisera.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint reads back as written, only under its key, and only as the hub wrote it. */
class CheckpointTest {

  private static final ChainKey KEY =
      ChainKey.of("a secret of thirty-two bytes, ok".getBytes(StandardCharsets.UTF_8));

  @TempDir Path folder;

  private final Checkpoint checkpoint =
      new Checkpoint(3, 41, new byte[] {1, 2, 3}, Instant.parse("2026-12-07T22:00:00.123Z"));

  @Test
  void aWrittenCheckpointReadsBackReadableByItsUserOnly() throws Exception {
    Path file = folder.resolve("axonserver/checkpoint");
    checkpoint.write(file, KEY);

    Checkpoint read = Checkpoint.read(file, KEY).orElseThrow();
    assertThat(read.keyedFrom()).isEqualTo(3);
    assertThat(read.position()).isEqualTo(41);
    assertThat(read.digest()).containsExactly(1, 2, 3);
    assertThat(read.at()).isEqualTo(checkpoint.at());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var left = Files.list(file.getParent())) {
      assertThat(left).as("no draft left behind").containsExactly(file);
    }
  }

  @Test
  void noFileIsNoCheckpoint() {
    assertThat(Checkpoint.read(folder.resolve("checkpoint"), KEY)).isEmpty();
  }

  @Test
  void aChangedCheckpointOrAnotherKeyIsRefused() throws Exception {
    Path file = folder.resolve("checkpoint");
    checkpoint.write(file, KEY);
    String text = Files.readString(file);

    Files.writeString(file, text.replace("position 41", "position 30"));
    assertThatThrownBy(() -> Checkpoint.read(file, KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not signed with the chain key");

    Files.writeString(file, text);
    ChainKey other =
        ChainKey.of("another secret of thirty-two b..".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Checkpoint.read(file, other))
        .hasMessageContaining("is not signed with the chain key");

    Files.writeString(file, text.replace("at 2026", "at yesterday 2026"));
    assertThatThrownBy(() -> Checkpoint.read(file, KEY)).hasMessageContaining("cannot be read");
  }
}

package io.calisera.axonserver.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A signed checkpoint of the head of the event history, kept in a file of the hub's, outside the
 * database (decision 0015): whoever rewrites the event tables can neither move it nor make one, so
 * that a history cut short after it, or changed before it, no longer verifies.
 *
 * @param keyedFrom the first token of the keyed chain (0 unless the store is older than the key)
 * @param position the token of the newest event it covers; -1 for an empty store
 * @param digest that event's digest ({@link DigestChain#GENESIS} for an empty store)
 * @param at when it was made
 */
record Checkpoint(long keyedFrom, long position, byte[] digest, Instant at) {

  private static final HexFormat HEX = HexFormat.of();
  private static final String HEADER =
      "# The last signed checkpoint of the hub's event history (decision 0015); do not edit.\n";

  /** The checkpoint in {@code file}, or empty when there is none. */
  static Optional<Checkpoint> read(Path file, ChainKey key) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the hub's checkpoint " + file, e);
    }
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] field = line.strip().split(" ", 2);
        fields.put(field[0], field.length == 2 ? field[1] : "");
      }
    }
    try {
      var checkpoint =
          new Checkpoint(
              Long.parseLong(fields.get("keyed-from")),
              Long.parseLong(fields.get("position")),
              HEX.parseHex(fields.get("digest")),
              Instant.parse(fields.get("at")));
      byte[] mac = HEX.parseHex(fields.get("mac"));
      if (!MessageDigest.isEqual(mac, checkpoint.mac(key))) {
        throw new IllegalStateException(
            "The hub's checkpoint "
                + file
                + " is not signed with the chain key: it was changed, or the key is not the one"
                + " it was made with (decision 0015)");
      }
      return Optional.of(checkpoint);
    } catch (NullPointerException | IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalStateException("The hub's checkpoint " + file + " cannot be read", e);
    }
  }

  /**
   * Replaces the checkpoint in {@code file} with this one in one step (a crash leaves the old one
   * or the new one), durably, readable by this user only.
   */
  void write(Path file, ChainKey key) {
    String text = body() + "mac " + HEX.formatHex(mac(key)) + "\n";
    try {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path draft =
          Files.createTempFile(
              folder,
              file.getFileName().toString(),
              ".new",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the hub's checkpoint " + file, e);
    }
  }

  private String body() {
    return HEADER
        + "keyed-from "
        + keyedFrom
        + "\nposition "
        + position
        + "\ndigest "
        + HEX.formatHex(digest)
        + "\nat "
        + at
        + "\n";
  }

  private byte[] mac(ChainKey key) {
    return key.checkpointMac().doFinal(body().getBytes(StandardCharsets.UTF_8));
  }
}

package io.calisera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications a hub in a test serves, each with a fresh random token: Calisera's own with the
 * rights the repository's {@code hub-rights} gives them (the table {@code ./calisera up} uses, so
 * that tests run the platform with the rights it has in production), {@link #TESTER} with every
 * right for tests that talk to the hub directly, and any a test adds.
 */
public final class HubApplications {

  /** An application with every right: what tests use to set up and inspect the hub. */
  public static final String TESTER = "tester";

  /** Every right a hub knows, by name. */
  public static final String ALL_RIGHTS =
      "dispatch-commands,handle-commands,append-events,read-events,read-positions,ask-queries,"
          + "answer-queries,act-for-people,act-as-platform,verify-integrity,monitor";

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(String token, String rights) {}

  /** Name -> token and rights, in the order they were added. */
  private final Map<String, Entry> entries;

  private HubApplications(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** Calisera's applications from {@code hub-rights}, plus {@link #TESTER}. */
  public static HubApplications platform() {
    var entries = new LinkedHashMap<String, Entry>();
    for (String line : rightsTable()) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      String[] fields = stripped.split("\\s+");
      entries.put(fields[0], new Entry(newToken(), fields[1]));
    }
    entries.put(TESTER, new Entry(newToken(), ALL_RIGHTS));
    return new HubApplications(entries);
  }

  /** These applications and one more, named {@code name}, with {@code rights} (comma-separated). */
  public HubApplications with(String name, String rights) {
    var more = new LinkedHashMap<>(entries);
    more.put(name, new Entry(newToken(), rights));
    return new HubApplications(more);
  }

  /** The rights of application {@code name}, comma-separated. */
  public String rights(String name) {
    return entry(name).rights();
  }

  /** The token of application {@code name}. */
  public String token(String name) {
    return entry(name).token();
  }

  private Entry entry(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("The hub has no application " + name);
    }
    return entry;
  }

  /**
   * Writes the hub's applications file: name, SHA-256 of the token, rights; readable by us only.
   */
  void writeTo(Path file) {
    var lines = new StringBuilder();
    entries.forEach(
        (name, entry) ->
            lines
                .append(name)
                .append(' ')
                .append(sha256Hex(entry.token()))
                .append(' ')
                .append(entry.rights())
                .append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> rightsTable() {
    try {
      return Files.readAllLines(ServiceProcess.repositoryRoot().resolve("hub-rights"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String newToken() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

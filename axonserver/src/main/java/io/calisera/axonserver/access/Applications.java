package io.calisera.axonserver.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The applications the hub serves, each known by the SHA-256 of its access token, so that the hub's
 * own configuration holds no credential. Read from the applications file, one application a line:
 *
 * <pre>
 * # name         sha256 of the token (hex)   rights
 * bff            9f86d081884c7d65...         dispatch-commands,ask-queries,read-positions
 * </pre>
 *
 * Blank lines and lines starting with {@code #} are ignored. A name, a token or a right that is not
 * valid stops the hub at startup: a typo must not silently take a right away or give one. A
 * presented token is looked up by its hash, so how long a lookup takes tells nothing about tokens.
 */
public final class Applications {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Token hash (lower-case hex) -> application. */
  private final Map<String, Application> byTokenHash;

  private Applications(Map<String, Application> byTokenHash) {
    this.byTokenHash = Map.copyOf(byTokenHash);
  }

  /**
   * @throws IllegalStateException when the file is missing, lists no application, or has a line
   *     that is not valid (the message names the line)
   */
  public static Applications read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "The hub's applications file "
              + file
              + " does not exist: every client needs a token (./calisera up writes the file;"
              + " see axonserver/README.md for a deployment)");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the applications file " + file, e);
    }
  }

  static Applications parse(List<String> lines, String source) {
    var byTokenHash = new HashMap<String, Application>();
    var names = new HashSet<String>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + number + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 3) {
        throw new IllegalStateException(
            where + "expected '<name> <sha256 of the token> <right>,<right>...'");
      }
      String name = fields[0];
      String tokenHash = fields[1];
      if (!NAME.matcher(name).matches()) {
        throw new IllegalStateException(
            where + "'" + name + "' is not a name (lower-case letters, digits, '.', '_', '-')");
      }
      if (!SHA256_HEX.matcher(tokenHash).matches()) {
        throw new IllegalStateException(
            where + "the token's SHA-256 must be 64 lower-case hexadecimal digits");
      }
      Set<Right> rights = EnumSet.noneOf(Right.class);
      try {
        for (String right : fields[2].split(",")) {
          rights.add(Right.named(right));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + e.getMessage());
      }
      if (!names.add(name)) {
        throw new IllegalStateException(where + "application '" + name + "' is listed twice");
      }
      if (byTokenHash.putIfAbsent(tokenHash, new Application(name, rights)) != null) {
        throw new IllegalStateException(
            where + "'" + name + "' has the token of another application: each needs its own");
      }
    }
    if (byTokenHash.isEmpty()) {
      throw new IllegalStateException(
          source + " lists no application: the hub would refuse every client");
    }
    return new Applications(byTokenHash);
  }

  /** The application whose token this is, if any. */
  public Optional<Application> authenticate(String token) {
    return Optional.ofNullable(byTokenHash.get(sha256Hex(token)));
  }

  /** How many applications there are (for the startup log). */
  public int size() {
    return byTokenHash.size();
  }

  /** The SHA-256 of a token as the applications file lists it: lower-case hex. */
  public static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }
}

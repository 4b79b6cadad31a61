package io.calisera.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The embedded databases' passwords, and the hub's chain key: 256 random bits each (64 hexadecimal
 * digits), in files under {@code $CALISERA_HOME/secrets} that only this user can read (the folder
 * too), like the hub's tokens. A secret is never written anywhere else: not on a command line, not
 * in the environment, not in a log.
 */
public final class Passwords {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** The secret in {@code file}, made there first if there is none. */
  public static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
          try {
            Files.createDirectories(
                folder,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
          } catch (FileAlreadyExistsException madeMeanwhile) {
            // another service of the platform made it at the same moment
          }
        }
        Path draft = Files.createTempFile(folder, file.getFileName().toString(), ".new");
        write(draft, newPassword());
        try {
          Files.move(draft, file); // fails when another start made it meanwhile: that one counts
        } catch (FileAlreadyExistsException madeMeanwhile) {
          Files.delete(draft);
        }
      }
      String password = Files.readString(file).strip();
      if (password.isEmpty()) {
        throw new IllegalStateException(file + " is empty; it should hold a password");
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or make the password in " + file, e);
    }
  }

  /** Writes {@code password} into a file made readable by this user alone before it is written. */
  static void write(Path file, String password) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password);
  }

  private static String newPassword() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

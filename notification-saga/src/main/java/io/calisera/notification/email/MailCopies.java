package io.calisera.notification.email;

import io.calisera.notification.delivery.Letter;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of every email sent, one {@code .eml} file each, so that a person can open what went out
 * (the embedded default's {@code $CALISERA_HOME/mail/}). Named after the booking, the kind and the
 * delivery, written whole (a temporary file moved into place), so a message sent again overwrites
 * its own copy. Off when no folder is set.
 */
public final class MailCopies {

  private static final Logger log = LoggerFactory.getLogger(MailCopies.class);

  private final Path folder;

  /**
   * @param folder where copies go; {@code null} for none
   */
  public MailCopies(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  void keep(Letter letter, MimeMessage message) {
    if (folder == null) {
      return;
    }
    String name =
        letter.notice().booking().bookingId()
            + "-"
            + letter.notice().kind().name().toLowerCase()
            + "-"
            + letter.key()
            + ".eml";
    try {
      Files.createDirectories(folder);
      Path temporary = Files.createTempFile(folder, ".", ".eml.part");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        message.writeTo(out);
      }
      Files.move(
          temporary,
          folder.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | MessagingException e) {
      // the message went out; its copy is a convenience, not worth sending it again
      log.warn("No copy of {} in {}: {}", name, folder, e.toString());
    }
  }
}

package io.calisera.notification.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The SMTP server the notification saga sends to (GreenMail, in the test's JVM), and its mail. */
final class Mailbox implements AutoCloseable {

  private final GreenMail server;

  Mailbox(int port) {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  int port() {
    return server.getSmtp().getPort();
  }

  List<MimeMessage> all() {
    return Arrays.asList(server.getReceivedMessages());
  }

  /** The messages to {@code address} whose subject starts with {@code subject}. */
  List<MimeMessage> to(String address, String subject) {
    return all().stream()
        .filter(message -> recipient(message).equalsIgnoreCase(address))
        .filter(message -> subject(message).startsWith(subject))
        .toList();
  }

  /** How many copies arrived of each {@code Message-ID}. */
  Map<String, Long> copiesByMessageId() {
    return all().stream().collect(Collectors.groupingBy(Mailbox::messageId, Collectors.counting()));
  }

  static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String recipient(MimeMessage message) {
    try {
      return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The text of the first part of {@code type} (e.g. {@code text/plain}, {@code text/calendar}).
   */
  static Optional<String> part(MimeMessage message, String type) {
    try {
      return find(message, part -> part.isMimeType(type));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Content-Type} of the first {@code text/calendar} part. */
  static Optional<String> calendarContentType(MimeMessage message) {
    try {
      return findPart(message, part -> part.isMimeType("text/calendar")).map(Mailbox::contentType);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String contentType(Part part) {
    try {
      return part.getContentType();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> find(Part part, Predicate wanted) throws Exception {
    return findPart(part, wanted).map(text());
  }

  private static Function<Part, String> text() {
    return part -> {
      try (InputStream in = part.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Optional<Part> findPart(Part part, Predicate wanted) throws Exception {
    if (wanted.test(part)) {
      return Optional.of(part);
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        Optional<Part> found = findPart(child, wanted);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  @FunctionalInterface
  private interface Predicate {
    boolean test(Part part) throws Exception;
  }

  @Override
  public void close() {
    server.stop();
  }
}

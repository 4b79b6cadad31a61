package io.calisera.notification.email;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.notification.delivery.Courier;
import io.calisera.notification.delivery.DeliveryFailure;
import io.calisera.notification.delivery.Letter;
import io.calisera.notification.text.Wording;
import io.calisera.notification.text.Wording.Words;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.util.HtmlUtils;

/**
 * Email through SMTP (Spring Mail): a plain-text and an HTML alternative, for the customer the
 * manage link, and for the customer's booking changes the iCalendar invitation both as a {@code
 * text/calendar; method=...} alternative (what calendars act on) and as an {@code invite.ics}
 * attachment (what other mail programs offer to open). Its {@code Message-ID} is the delivery's, so
 * a copy sent again after a crash is the same message to whoever sorts duplicates. A copy of every
 * message sent goes to {@link MailCopies} when it is on.
 */
public final class EmailCourier implements Courier {

  private final JavaMailSender sender;
  private final InternetAddress from;
  private final MailCopies copies;
  private final Clock clock;

  public EmailCourier(JavaMailSender sender, InternetAddress from, MailCopies copies, Clock clock) {
    this.sender = sender;
    this.from = from;
    this.copies = copies;
    this.clock = clock;
  }

  @Override
  public NotificationChannel channel() {
    return NotificationChannel.EMAIL;
  }

  @Override
  public boolean configured() {
    return true; // an SMTP server always: the configured one, or the embedded one
  }

  @Override
  public void send(Letter letter) throws DeliveryFailure {
    MimeMessage message;
    try {
      message = compose(letter);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw DeliveryFailure.permanentFailure("cannot compose the email: " + e.getMessage());
    }
    try {
      sender.send(message);
    } catch (MailException e) {
      boolean refusedAddress =
          e.getMostSpecificCause() instanceof SendFailedException refused
              && refused.getValidUnsentAddresses() == null
              && refused.getInvalidAddresses() != null
              && refused.getInvalidAddresses().length > 0;
      throw new DeliveryFailure(
          "SMTP: " + e.getMostSpecificCause().getMessage(), refusedAddress, e);
    }
    copies.keep(letter, message);
  }

  MimeMessage compose(Letter letter) throws MessagingException, UnsupportedEncodingException {
    Words words = Wording.of(letter);
    String messageId =
        "<" + letter.key() + "." + letter.notice().booking().bookingId() + "@calisera>";
    MimeMessage message =
        new MimeMessage((Session) null) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(from);
    message.setRecipient(
        MimeMessage.RecipientType.TO,
        new InternetAddress(letter.address(), letter.recipientName(), "UTF-8"));
    message.setSubject(words.subject(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));

    MimeMultipart alternatives = new MimeMultipart("alternative");
    alternatives.addBodyPart(text(plain(words, letter.manageUrl()), "text/plain"));
    alternatives.addBodyPart(text(html(words, letter.manageUrl()), "text/html"));
    Optional<Invitation.Kind> invitation = Invitation.kindOf(letter.notice().kind());
    String ics = null;
    if (invitation.isPresent()) {
      ics = Invitation.of(letter, invitation.get(), from.getAddress(), clock.instant());
      MimeBodyPart calendar = new MimeBodyPart();
      calendar.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(
                  ics.getBytes(StandardCharsets.UTF_8),
                  "text/calendar; charset=UTF-8; method=" + invitation.get().name())));
      calendar.setHeader(
          "Content-Type", "text/calendar; charset=UTF-8; method=" + invitation.get().name());
      alternatives.addBodyPart(calendar);
    }
    if (ics == null) {
      message.setContent(alternatives);
    } else {
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternatives);
      MimeBodyPart attachment = new MimeBodyPart();
      attachment.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(ics.getBytes(StandardCharsets.UTF_8), "application/ics")));
      attachment.setFileName("invite.ics");
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(body);
      mixed.addBodyPart(attachment);
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  private static MimeBodyPart text(String content, String type) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(content, "UTF-8", type.substring("text/".length()));
    return part;
  }

  private static String plain(Words words, String manageUrl) {
    StringBuilder text = new StringBuilder();
    words.paragraphs().forEach(paragraph -> text.append(paragraph).append("\n\n"));
    if (manageUrl != null) {
      text.append("View, move or cancel it: ").append(manageUrl).append("\n\n");
    }
    return text.append("Calisera\n").toString();
  }

  private static String html(Words words, String manageUrl) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .append(HtmlUtils.htmlEscape(words.subject()))
            .append("</title></head><body>");
    words
        .paragraphs()
        .forEach(
            paragraph -> html.append("<p>").append(HtmlUtils.htmlEscape(paragraph)).append("</p>"));
    if (manageUrl != null) {
      html.append("<p><a href=\"")
          .append(HtmlUtils.htmlEscape(manageUrl))
          .append("\">View, move or cancel your booking</a></p>");
    }
    return html.append("<p>Calisera</p></body></html>").toString();
  }
}

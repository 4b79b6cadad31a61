package io.calisera.notification.config;

import io.calisera.notification.delivery.Retries;
import io.calisera.notification.email.EmailCourier;
import io.calisera.notification.email.EmbeddedSmtp;
import io.calisera.notification.email.MailCopies;
import io.calisera.notification.gateway.HttpGateway;
import io.calisera.notification.push.PushCourier;
import io.calisera.notification.sms.SmsCourier;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The channels: email through the configured SMTP server, or else through the embedded one (with a
 * copy of each message under {@code $CALISERA_HOME/mail}); SMS and push through their HTTP gateways
 * when configured, otherwise recorded {@code SKIPPED}. Every setting is an environment variable
 * (README, "Configuration"; application.yml maps them).
 */
@Configuration(proxyBeanMethods = false)
class ChannelsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ChannelsConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${calisera.notifications.smtp.host:}'.isBlank()")
  EmbeddedSmtp embeddedSmtp(Environment env) {
    return EmbeddedSmtp.start(
        env.getProperty("calisera.notifications.smtp.embedded-port", Integer.class, 2525));
  }

  @Bean
  JavaMailSender mailSender(Environment env, ObjectProvider<EmbeddedSmtp> embedded) {
    var sender = new JavaMailSenderImpl();
    String host = env.getProperty("calisera.notifications.smtp.host", "");
    Duration timeout =
        env.getProperty(
            "calisera.notifications.smtp.timeout", Duration.class, Duration.ofSeconds(10));
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.writetimeout", millis);
    if (host.isBlank()) {
      sender.setHost("127.0.0.1");
      sender.setPort(embedded.getObject().port());
    } else {
      sender.setHost(host);
      sender.setPort(env.getProperty("calisera.notifications.smtp.port", Integer.class, 587));
      String username = env.getProperty("calisera.notifications.smtp.username", "");
      if (!username.isBlank()) {
        sender.setUsername(username);
        sender.setPassword(env.getProperty("calisera.notifications.smtp.password", ""));
        properties.put("mail.smtp.auth", "true");
      }
      if (env.getProperty("calisera.notifications.smtp.starttls", Boolean.class, true)) {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
      }
      if (env.getProperty("calisera.notifications.smtp.ssl", Boolean.class, false)) {
        properties.put("mail.smtp.ssl.enable", "true");
      }
    }
    sender.setJavaMailProperties(properties);
    sender.setDefaultEncoding("UTF-8");
    return sender;
  }

  /**
   * Copies in {@code calisera.notifications.mail.copies} when set; with the embedded SMTP server by
   * default in {@code $CALISERA_HOME/mail}; none otherwise.
   */
  @Bean
  MailCopies mailCopies(Environment env, ObjectProvider<EmbeddedSmtp> embedded) {
    String folder = env.getProperty("calisera.notifications.mail.copies", "");
    Path path =
        !folder.isBlank()
            ? Path.of(folder)
            : embedded.getIfAvailable() != null
                ? Path.of(env.getProperty("calisera.home", ".calisera")).resolve("mail")
                : null;
    log.info("Copies of the emails sent: {}", path == null ? "none" : path.toAbsolutePath());
    return new MailCopies(path == null ? null : path.toAbsolutePath());
  }

  @Bean
  EmailCourier emailCourier(
      JavaMailSender mailSender, MailCopies copies, Environment env, Clock clock)
      throws AddressException {
    InternetAddress from =
        new InternetAddress(
            env.getProperty(
                "calisera.notifications.mail.from", "Calisera <notifications@calisera.local>"),
            true);
    return new EmailCourier(mailSender, from, copies, clock);
  }

  @Bean
  SmsCourier smsCourier(Environment env, Clock clock) {
    return new SmsCourier(gateway("sms", env, clock));
  }

  @Bean
  PushCourier pushCourier(Environment env, Clock clock) {
    return new PushCourier(gateway("push", env, clock));
  }

  @Bean
  Retries retries(Environment env) {
    return new Retries(
        env.getProperty(
            "calisera.notifications.retry.first", Duration.class, Duration.ofSeconds(5)),
        env.getProperty("calisera.notifications.retry.cap", Duration.class, Duration.ofMinutes(5)),
        env.getProperty("calisera.notifications.retry.max-attempts", Integer.class, 20));
  }

  /** The channel's gateway, or {@code null} when its URL is not set. */
  private static HttpGateway gateway(String channel, Environment env, Clock clock) {
    String prefix = "calisera.notifications." + channel + ".";
    String url = env.getProperty(prefix + "url", "");
    if (url.isBlank()) {
      return null;
    }
    return new HttpGateway(
        URI.create(url),
        env.getProperty(prefix + "token", ""),
        env.getProperty(prefix + "username", ""),
        env.getProperty(prefix + "password", ""),
        env.getProperty(prefix + "signing-secret", ""),
        env.getProperty(prefix + "timeout", Duration.class, Duration.ofSeconds(10)),
        clock);
  }
}

package io.calisera.notification.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's SMTP server (GreenMail) inside this service, on the loopback interface
 * only: with no SMTP server configured, mail still travels over SMTP, and what arrives is read from
 * the {@code .eml} copies. It keeps what it receives in memory, so it forgets it every hour.
 */
public final class EmbeddedSmtp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtp.class);

  private final GreenMail server;
  private final ScheduledExecutorService forgetting;

  private EmbeddedSmtp(GreenMail server) {
    this.server = server;
    this.forgetting =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "embedded-smtp-forget");
              thread.setDaemon(true);
              return thread;
            });
    forgetting.scheduleWithFixedDelay(this::forget, 1, 1, TimeUnit.HOURS);
  }

  public static EmbeddedSmtp start(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    log.info("Embedded SMTP server (GreenMail) on 127.0.0.1:{}", server.getSmtp().getPort());
    return new EmbeddedSmtp(server);
  }

  public int port() {
    return server.getSmtp().getPort();
  }

  private void forget() {
    try {
      server.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      log.debug("Could not purge the embedded SMTP server's mailboxes", e);
    }
  }

  @Override
  public void close() {
    forgetting.shutdownNow();
    server.stop();
  }
}

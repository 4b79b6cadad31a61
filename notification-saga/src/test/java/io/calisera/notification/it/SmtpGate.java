package io.calisera.notification.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of a real SMTP server (GreenMail), on a port of its own, that a test can
 * take down (nothing listens: connections are refused) and bring up again, or make hold every
 * message just before its end-of-data terminator ({@code CRLF.CRLF}): the server has the message
 * but not its end, so a client killed then has sent nothing the server keeps, while it waits for
 * the server's answer, in the middle of sending. Not a stand-in for the server: every byte it
 * passes is the real client's and the real server's.
 */
final class SmtpGate implements AutoCloseable {

  private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

  private final int port;
  private final int serverPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listening;
  private volatile boolean holding;
  private volatile CountDownLatch held = new CountDownLatch(1);

  SmtpGate(int port, int serverPort) {
    this.port = port;
    this.serverPort = serverPort;
  }

  int port() {
    return port;
  }

  /** Listens and relays. */
  synchronized void up() {
    if (listening != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listening = socket;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + port, e);
    }
    Thread acceptor = new Thread(this::accept, "smtp-gate-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Stops listening and drops every open connection: the server is down. */
  synchronized void down() {
    closeQuietly(listening);
    listening = null;
    sockets.forEach(SmtpGate::closeQuietly);
    sockets.clear();
  }

  /** From now on, each message stops just before its end-of-data terminator. */
  void holdBeforeEndOfData() {
    held = new CountDownLatch(1);
    holding = true;
  }

  /** Whether a message is being held within {@code seconds}. */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  /** Messages pass whole again (from new connections on). */
  void passEverything() {
    holding = false;
  }

  private void accept() {
    ServerSocket socket = listening;
    while (socket != null && !socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        sockets.add(client);
        sockets.add(server);
        boolean holdThis = holding;
        pump(client.getInputStream(), server.getOutputStream(), holdThis, client, server);
        pump(server.getInputStream(), client.getOutputStream(), false, client, server);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(
      InputStream in, OutputStream out, boolean holdEndOfData, Socket client, Socket server) {
    Thread thread =
        new Thread(
            () -> {
              int matched = 0;
              byte[] one = new byte[1];
              try {
                int read;
                byte[] buffer = new byte[8192];
                while ((read = in.read(buffer)) >= 0) {
                  if (!holdEndOfData) {
                    out.write(buffer, 0, read);
                    out.flush();
                    continue;
                  }
                  for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    matched = b == END_OF_DATA[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == END_OF_DATA.length - 2) {
                      // CRLF passed, ".CRLF" is next: hold from here until the connection ends
                      out.flush();
                      held.countDown();
                      while (in.read(one) >= 0) {
                        // swallow; the server never sees the end of this message
                      }
                      return;
                    }
                    one[0] = b;
                    out.write(one);
                  }
                  out.flush();
                }
              } catch (IOException ended) {
                // either side went away
              } finally {
                closeQuietly(client);
                closeQuietly(server);
              }
            },
            "smtp-gate-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    down();
  }
}

package io.calisera.axonserver.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a server on this machine, for network faults that cannot be timed
 * otherwise: it can let a request through and lose every answer after it, as a connection that dies
 * just after the server did the work.
 */
public final class TcpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            var thread = new Thread(runnable, "tcp-relay");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicReference<String> loseAnswersAfter = new AtomicReference<>();

  private TcpRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** A relay to {@code targetPort} on the loopback interface, listening on {@link #port()}. */
  public static TcpRelay to(int targetPort) {
    try {
      return new TcpRelay(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * The next connection whose client sends {@code text} gets that request through, and no answer
   * from then on; the other connections are not affected.
   */
  public void loseAnswersAfter(String text) {
    loseAnswersAfter.set(text);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        var deaf = new boolean[1];
        threads.execute(() -> relay(client, server, deaf, true));
        threads.execute(() -> relay(server, client, deaf, false));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(Socket from, Socket to, boolean[] deaf, boolean request) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (request) {
          String trigger = loseAnswersAfter.get();
          if (trigger != null
              && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains(trigger)
              && loseAnswersAfter.compareAndSet(trigger, null)) {
            synchronized (deaf) {
              deaf[0] = true;
            }
          }
        } else {
          synchronized (deaf) {
            if (deaf[0]) {
              continue;
            }
          }
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException closed) {
      // one side went away: so does the other
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.forEach(TcpRelay::closeQuietly);
    threads.shutdownNow();
  }
}

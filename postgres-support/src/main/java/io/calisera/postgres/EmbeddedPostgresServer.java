package io.calisera.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that holds the hub's events by default, with its data in a folder that
 * survives restarts.
 *
 * <p>Two things differ from the embedded binaries' test defaults. Durability: they run with fsync
 * and synchronous commit off, while the hub confirms an append only once it is on disk. Crashes:
 * when the hub's JVM is killed, the PostgreSQL server it started keeps running and holds the data
 * directory; the next start stops that orphan first. A file lock next to the data directory tells
 * an orphan apart from a server that another live hub is using.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDirectory;
  private final FileChannel lockChannel;
  private final FileLock ownerLock;
  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(
      Path dataDirectory, FileChannel lockChannel, FileLock ownerLock, EmbeddedPostgres postgres) {
    this.dataDirectory = dataDirectory;
    this.lockChannel = lockChannel;
    this.ownerLock = ownerLock;
    this.postgres = postgres;
  }

  /** Starts the server on {@code dataDirectory}, creating the cluster on first use. */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(directory);
      lockChannel =
          FileChannel.open(
              directory.resolveSibling(directory.getFileName() + ".owner"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "The data directory "
                + directory
                + " is in use by another running hub; stop it or set CALISERA_HOME to another"
                + " folder");
      }
      stopOrphanedServer(directory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(120))
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedPostgresServer(directory, lockChannel, lock, postgres);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      ownerLock.release();
      lockChannel.close();
    }
  }

  /**
   * A server left behind by a killed hub still runs and holds {@code postmaster.pid}. We hold the
   * owner lock, so no live hub uses it: stop it with a fast shutdown (SIGINT), which keeps every
   * committed transaction.
   */
  private static void stopOrphanedServer(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      log.info("Removing stale {} (no server is running with it)", pidFile);
      Files.deleteIfExists(pidFile);
      return;
    }
    ProcessHandle server = orphan.get();
    log.warn(
        "Stopping the PostgreSQL server (pid {}) that a previous hub left running on {}",
        server.pid(),
        directory);
    signal(server, "INT");
    if (!waitForExit(server, ORPHAN_STOP_TIMEOUT)) {
      log.warn(
          "PostgreSQL (pid {}) ignored a fast shutdown; stopping it immediately", server.pid());
      signal(server, "QUIT");
      if (!waitForExit(server, ORPHAN_STOP_TIMEOUT)) {
        throw new IllegalStateException(
            "Could not stop the orphaned PostgreSQL server (pid " + server.pid() + ")");
      }
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.contains("postgres")).orElse(true);
  }

  private static void signal(ProcessHandle process, String signal) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while signalling PostgreSQL", e);
    }
  }

  private static boolean waitForExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return !process.isAlive();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the original error matters
      }
    }
  }
}

package io.calisera.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that holds a service's data by default (the hub's events, the bff's keys,
 * ...), with its data in a folder that survives restarts.
 *
 * <p>Three things differ from the embedded binaries' test defaults. Durability: they run with fsync
 * and synchronous commit off, while the hub confirms an append only once it is on disk. Crashes:
 * when the hub's JVM is killed, the PostgreSQL server it started keeps running and holds the data
 * directory; the next start ends that orphan's sessions and uses it (or, if it cannot, stops it and
 * starts its own). A file lock next to the data directory tells an orphan apart from a server that
 * another live hub is using. Passwords: they admit anyone who reaches the port ({@code trust});
 * this server admits only a role that proves its password (SCRAM-SHA-256), the superuser {@code
 * postgres} included, whose password initdb takes from a file (never a command line). {@code
 * pg_hba.conf} is written on every start. A data directory made by an older version with {@code
 * trust} is migrated on its first start: the superuser gets its password over a connection that
 * only the superuser on loopback may open without one, then passwords are required and the
 * configuration is reloaded.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SESSIONS_END_TIMEOUT = Duration.ofSeconds(10);

  /** The superuser initdb creates. */
  public static final String SUPERUSER = "postgres";

  /** Passwords for everyone, on loopback and the local socket; nobody is trusted. */
  private static final String PASSWORDS_ONLY =
      """
      # written by Calisera on every start (postgres-support): every role proves its password
      # TYPE  DATABASE  USER  ADDRESS       METHOD
      local   all       all                 scram-sha-256
      host    all       all   127.0.0.1/32  scram-sha-256
      host    all       all   ::1/128       scram-sha-256
      """;

  /**
   * For the one start that migrates a data directory made with {@code trust}: its superuser has no
   * password yet, so only it, and only from loopback, gets in without one, until the password is
   * set and {@link #PASSWORDS_ONLY} reloaded (before, everyone got in as anyone).
   */
  private static final String SUPERUSER_TRUSTED_ONCE =
      """
      # written by Calisera while it gives the superuser a password (postgres-support)
      # TYPE  DATABASE  USER      ADDRESS       METHOD
      host    all       postgres  127.0.0.1/32  trust
      host    all       postgres  ::1/128       trust
      """;

  private final Path dataDirectory;
  private final FileChannel lockChannel;
  private final FileLock ownerLock;
  private final EmbeddedPostgres postgres; // null: a server adopted from a killed predecessor
  private final ProcessHandle adopted; // null: started here
  private final int port;
  private final String superuserPassword;

  private EmbeddedPostgresServer(
      Path dataDirectory,
      FileChannel lockChannel,
      FileLock ownerLock,
      EmbeddedPostgres postgres,
      ProcessHandle adopted,
      int port,
      String superuserPassword) {
    this.dataDirectory = dataDirectory;
    this.lockChannel = lockChannel;
    this.ownerLock = ownerLock;
    this.postgres = postgres;
    this.adopted = adopted;
    this.port = port;
    this.superuserPassword = superuserPassword;
  }

  /**
   * Starts the server on {@code dataDirectory}, creating the cluster on first use with {@code
   * superuserPassword} as the password of {@link #SUPERUSER}; a cluster made before passwords gets
   * it now.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, String superuserPassword) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Path passwordFile = directory.resolveSibling(directory.getFileName() + ".initdb-password");
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
      Optional<ProcessHandle> orphan = orphanedServer(directory);
      boolean fresh = !exists(directory);
      boolean trusting = !fresh && trustsAnyone(directory);
      if (orphan.isPresent() && !trusting) {
        Optional<Integer> port = adoptable(directory, orphan.get(), superuserPassword);
        if (port.isPresent()) {
          return new EmbeddedPostgresServer(
              directory, lockChannel, lock, null, orphan.get(), port.get(), superuserPassword);
        }
      }
      if (orphan.isPresent()) {
        stop(orphan.get(), directory);
      }
      var builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(120))
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "100")
              .setServerConfig("password_encryption", "scram-sha-256")
              // the library's own check that the server is up logs in as the superuser
              .setConnectConfig("password", superuserPassword)
              // after initdb (if it ran), before the server starts
              .setDataDirectoryCustomizer(
                  data -> {
                    deleteQuietly(passwordFile);
                    writeAccessRules(
                        data.toPath(), trusting ? SUPERUSER_TRUSTED_ONCE : PASSWORDS_ONLY);
                  });
      if (fresh) {
        // the library passes these options to initdb as --name=value: the superuser's password
        // from a file only we can read, removed again before the server starts
        Passwords.write(passwordFile, superuserPassword);
        builder.setLocaleConfig("pwfile", passwordFile.toString());
      }
      EmbeddedPostgres started = builder.start();
      var server =
          new EmbeddedPostgresServer(
              directory, lockChannel, lock, started, null, started.getPort(), superuserPassword);
      if (trusting) {
        try {
          server.requirePasswordsFromNowOn();
        } catch (SQLException | RuntimeException e) {
          try {
            server.close();
          } catch (IOException | RuntimeException alsoFailed) {
            e.addSuppressed(alsoFailed);
          }
          throw new IllegalStateException(
              "Could not give the embedded PostgreSQL in "
                  + directory
                  + " its superuser's password",
              e);
        }
      }
      return server;
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    } finally {
      deleteQuietly(passwordFile);
    }
  }

  /**
   * Whether a cluster already made in {@code dataDirectory} admits someone without a password: one
   * made by an older version, which {@link #start} migrates.
   */
  public static boolean trustsAnyone(Path dataDirectory) throws IOException {
    Path rules = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(rules)
        && Files.readAllLines(rules).stream()
            .map(String::strip)
            .filter(line -> !line.startsWith("#"))
            .anyMatch(line -> line.matches(".*\\strust(\\s.*)?"));
  }

  /** Whether {@code dataDirectory} holds a cluster. */
  public static boolean exists(Path dataDirectory) {
    return Files.exists(dataDirectory.resolve("postgresql.conf"));
  }

  /** The server's {@code postgres} database, for any role (no user in the URL). */
  public String jdbcUrl() {
    return jdbcUrl(port);
  }

  /** A connection as {@link #SUPERUSER}, to set up roles and schemas. */
  public Connection connectAsSuperuser() throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("password", superuserPassword);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  public int port() {
    return port;
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() throws IOException {
    try {
      if (postgres != null) {
        postgres.close();
      } else {
        stop(adopted, dataDirectory);
      }
    } finally {
      ownerLock.release();
      lockChannel.close();
    }
  }

  /**
   * The superuser of a cluster made with {@code trust} gets its password (hashed here: the
   * statement carries the SCRAM verifier, never the password), then every role must prove its.
   */
  private void requirePasswordsFromNowOn() throws SQLException {
    log.info(
        "The embedded PostgreSQL in {} was made without passwords (an older Calisera); its"
            + " superuser gets a password and every connection needs one from now on",
        dataDirectory);
    try (Connection connection = connectAsSuperuser()) {
      connection
          .unwrap(PGConnection.class)
          .alterUserPassword(SUPERUSER, superuserPassword.toCharArray(), "scram-sha-256");
      writeAccessRules(dataDirectory, PASSWORDS_ONLY);
      try (var statement = connection.createStatement()) {
        statement.execute("select pg_reload_conf()");
      }
    }
    awaitPasswordsRequired();
  }

  /**
   * A reload is a signal the server handles a moment later: wait until it asks the superuser for
   * its password, so that nothing after this start is admitted without one.
   */
  private void awaitPasswordsRequired() throws SQLException {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    while (true) {
      try (Connection unproven = DriverManager.getConnection(jdbcUrl(), SUPERUSER, null)) {
        if (System.nanoTime() > deadline) {
          throw new SQLException(
              "The embedded PostgreSQL in "
                  + dataDirectory
                  + " still admits the superuser without"
                  + " a password after reloading its access rules");
        }
      } catch (SQLException refused) {
        if ("08004".equals(refused.getSQLState())) { // the server asked for a password
          return;
        }
        throw refused;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("Interrupted while PostgreSQL reloads its access rules", e);
      }
    }
  }

  private static void writeAccessRules(Path dataDirectory, String rules) {
    try {
      Path file = dataDirectory.resolve("pg_hba.conf");
      Path next = dataDirectory.resolve("pg_hba.conf.next");
      Files.writeString(next, rules);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + dataDirectory.resolve("pg_hba.conf"), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a password file we could not remove is still readable by us alone
    }
  }

  /**
   * A server left behind by a killed service still runs and holds {@code postmaster.pid}. We hold
   * the owner lock, so no live service uses it. A {@code postmaster.pid} without a live server is
   * removed.
   */
  private static Optional<ProcessHandle> orphanedServer(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (orphan.isEmpty() || !orphan.get().isAlive() || !isPostgres(orphan.get())) {
      log.info("Removing stale {} (no server is running with it)", pidFile);
      Files.deleteIfExists(pidFile);
      return Optional.empty();
    }
    return orphan;
  }

  /**
   * Whether the orphaned server can be used as it is, and on which port: it says it is ready, the
   * superuser gets in with its password, it runs with fsync and synchronous commit, and every
   * session of the killed service is ended first (so that no statement it sent can still commit
   * once the new one has read what is stored: what a fast shutdown would have done too). Adopting
   * it spares the shutdown's checkpoint and a start (seconds on a busy machine). Anything else
   * (empty): the caller stops it and starts a server of its own.
   */
  private static Optional<Integer> adoptable(
      Path directory, ProcessHandle orphan, String superuserPassword) {
    try {
      // postmaster.pid: pid, data directory, start time, port, socket directory, listen address,
      // shared memory key, status
      List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
      if (lines.size() < 8 || !lines.get(7).strip().equals("ready")) {
        return Optional.empty();
      }
      int port = Integer.parseInt(lines.get(3).strip());
      var properties = new Properties();
      properties.setProperty("user", SUPERUSER);
      properties.setProperty("password", superuserPassword);
      properties.setProperty("connectTimeout", "5");
      properties.setProperty("socketTimeout", "15");
      try (Connection connection = DriverManager.getConnection(jdbcUrl(port), properties);
          var statement = connection.createStatement()) {
        try (var settings =
            statement.executeQuery(
                "select current_setting('fsync') = 'on'"
                    + " and current_setting('synchronous_commit') = 'on'")) {
          if (!settings.next() || !settings.getBoolean(1)) {
            return Optional.empty();
          }
        }
        String others =
            " from pg_stat_activity where backend_type = 'client backend'"
                + " and pid <> pg_backend_pid()";
        statement.execute("select pg_terminate_backend(pid)" + others);
        long deadline = System.nanoTime() + SESSIONS_END_TIMEOUT.toNanos();
        while (true) {
          try (var left = statement.executeQuery("select count(*)" + others)) {
            left.next();
            if (left.getLong(1) == 0) {
              break;
            }
          }
          if (System.nanoTime() > deadline) {
            return Optional.empty();
          }
          Thread.sleep(20);
        }
      }
      log.warn(
          "Using the PostgreSQL server (pid {}, port {}) that a previous process left running on"
              + " {}, its sessions ended",
          orphan.pid(),
          port,
          directory);
      return Optional.of(port);
    } catch (IOException | SQLException | RuntimeException e) {
      log.info("The PostgreSQL server (pid {}) left running cannot be used: {}", orphan.pid(), e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Stops a server with a fast shutdown (SIGINT), which keeps every committed transaction. */
  private static void stop(ProcessHandle server, Path directory) throws IOException {
    log.warn("Stopping the PostgreSQL server (pid {}) on {}", server.pid(), directory);
    signal(server, "INT");
    if (!waitForExit(server, ORPHAN_STOP_TIMEOUT)) {
      log.warn(
          "PostgreSQL (pid {}) ignored a fast shutdown; stopping it immediately", server.pid());
      signal(server, "QUIT");
      if (!waitForExit(server, ORPHAN_STOP_TIMEOUT)) {
        throw new IllegalStateException(
            "Could not stop the PostgreSQL server (pid " + server.pid() + ")");
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

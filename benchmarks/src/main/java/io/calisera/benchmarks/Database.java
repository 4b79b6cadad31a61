package io.calisera.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.calisera.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The one PostgreSQL server every workload uses: the platform's embedded server, durable exactly
 * like the hub's own (fsync, synchronous commit and full page writes on), with one database per
 * store.
 */
final class Database implements AutoCloseable {

  private final EmbeddedPostgresServer server;
  private final String password;

  private Database(EmbeddedPostgresServer server, String password) {
    this.server = server;
    this.password = password;
  }

  /**
   * The platform's own embedded server (postgres-support), on a fresh data directory, with a
   * superuser password that lives as long as this run.
   */
  static Database start(Path dataDirectory) {
    String password = UUID.randomUUID().toString();
    return new Database(EmbeddedPostgresServer.start(dataDirectory, password), password);
  }

  String user() {
    return EmbeddedPostgresServer.SUPERUSER;
  }

  String password() {
    return password;
  }

  void createDatabase(String name) throws SQLException {
    try (var connection = connect("postgres");
        var statement = connection.createStatement()) {
      statement.execute("create database " + name);
    }
  }

  /** The durability settings the server really runs with, for the report. */
  String durability() throws SQLException {
    try (var connection = connect("postgres");
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " current_setting('full_page_writes'), current_setting('shared_buffers'),"
                    + " version()")) {
      rows.next();
      return "fsync="
          + rows.getString(1)
          + " synchronous_commit="
          + rows.getString(2)
          + " full_page_writes="
          + rows.getString(3)
          + " shared_buffers="
          + rows.getString(4)
          + " ("
          + rows.getString(5).replaceAll(" on .*", "")
          + ")";
    }
  }

  /** The server's main process, whose children are the backends. */
  long postmasterPid() throws IOException {
    return Long.parseLong(
        java.nio.file.Files.readAllLines(server.dataDirectory().resolve("postmaster.pid"))
            .get(0)
            .trim());
  }

  String url(String database) {
    return "jdbc:postgresql://localhost:" + server.port() + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), user(), password);
  }

  /** A connection whose driver rewrites JDBC batches of inserts into multi-row inserts. */
  Connection connectRewritingBatches(String database) throws SQLException {
    return DriverManager.getConnection(
        url(database) + "?reWriteBatchedInserts=true", user(), password);
  }

  HikariDataSource pool(String database, int size) {
    var config = new HikariConfig();
    config.setPoolName(database);
    config.setJdbcUrl(url(database));
    config.setUsername(user());
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    return new HikariDataSource(config);
  }

  /** Flushes dirty pages, so that no workload pays for the writes of the one before it. */
  void checkpoint() throws SQLException {
    try (var connection = connect("postgres");
        var statement = connection.createStatement()) {
      statement.execute("checkpoint");
    }
  }

  /**
   * Sets hint bits and visibility after a bulk load, so that the first reader of freshly loaded
   * rows does not pay for writing them back.
   */
  void vacuumAnalyze(String database) throws SQLException {
    try (var connection = connect(database);
        var statement = connection.createStatement()) {
      statement.execute("vacuum (freeze, analyze)");
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

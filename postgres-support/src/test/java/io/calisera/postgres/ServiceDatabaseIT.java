package io.calisera.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The embedded PostgreSQL, for real: it admits nobody without the right password, a service works
 * as its own role, one service's role can neither read nor write another's schema, and a data
 * folder made by an older version (trust, one superuser) is migrated on its first start.
 */
class ServiceDatabaseIT {

  /** SQLSTATE of "permission denied". */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  /** SQLSTATE of "password authentication failed". */
  private static final String INVALID_PASSWORD = "28P01";

  /** SQLSTATE the driver gives when the server asks for a password and it has none. */
  private static final String CONNECTION_REJECTED = "08004";

  @TempDir Path home;

  @Test
  void theEmbeddedServerAdmitsOnlyRolesThatProveTheirPasswordAndTheServiceWorksAsItsOwn()
      throws Exception {
    String url;
    try (var database = ServiceDatabase.open("axonserver", home, setting -> null);
        var dataSource = (HikariDataSource) database.dataSource(2)) {
      try (var connection = dataSource.getConnection();
          var statement = connection.createStatement()) {
        var rows =
            statement.executeQuery(
                "select current_user, current_schema, rolsuper, rolcreatedb, rolcreaterole,"
                    + " inet_server_port() from pg_roles where rolname = current_user");
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("axonserver");
        assertThat(rows.getString(2)).isEqualTo("axonserver");
        assertThat(rows.getBoolean(3)).as("superuser").isFalse();
        assertThat(rows.getBoolean(4)).as("may create databases").isFalse();
        assertThat(rows.getBoolean(5)).as("may create roles").isFalse();
        url = "jdbc:postgresql://localhost:" + rows.getInt(6) + "/postgres";
        statement.execute("create table events (token bigserial primary key, payload text)");
        statement.execute("insert into events (payload) values ('first')");
      }

      for (String role : List.of("axonserver", EmbeddedPostgresServer.SUPERUSER)) {
        assertThat(refusal(url, role, null).getSQLState())
            .as(role + " without a password")
            .isEqualTo(CONNECTION_REJECTED);
        assertThat(refusal(url, role, "not-the-password").getSQLState())
            .as(role + " with a wrong password")
            .isEqualTo(INVALID_PASSWORD);
      }
      try (var superuser = connect(url, "postgres", secret("postgres-axonserver-superuser"));
          var rows =
              superuser
                  .createStatement()
                  .executeQuery(
                      "select rolname, rolpassword from pg_authid where rolcanlogin"
                          + " order by rolname")) {
        var passwords = new LinkedHashMap<String, String>();
        while (rows.next()) {
          passwords.put(rows.getString(1), rows.getString(2));
        }
        assertThat(passwords).containsOnlyKeys("axonserver", "postgres");
        assertThat(passwords.values()).allSatisfy(p -> assertThat(p).startsWith("SCRAM-SHA-256$"));
      }
      Path data = home.resolve("axonserver").resolve("postgres");
      assertThat(EmbeddedPostgresServer.trustsAnyone(data)).isFalse();
      assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("scram-sha-256");

      Path secrets = home.resolve("secrets");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
          .isEqualTo("rwx------");
      for (String name : List.of("postgres-axonserver", "postgres-axonserver-superuser")) {
        Path file = secrets.resolve(name + ".password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isEqualTo("rw-------");
        assertThat(secret(name)).hasSize(64);
      }
      assertThat(secrets).isDirectoryNotContaining("glob:**.new");
      assertThat(data.resolveSibling("postgres.initdb-password")).doesNotExist();
      List<String> serverCommandLines =
          ProcessHandle.allProcesses()
              .map(p -> p.info().commandLine().orElse(""))
              .filter(line -> line.contains(data.toString()))
              .toList();
      assertThat(serverCommandLines).isNotEmpty();
      assertThat(serverCommandLines)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .doesNotContain(secret("postgres-axonserver"))
                      .doesNotContain(secret("postgres-axonserver-superuser")));
    }

    // the next start finds its passwords, role and schema as they were
    try (var database = ServiceDatabase.open("axonserver", home, setting -> null);
        var dataSource = (HikariDataSource) database.dataSource(1);
        var connection = dataSource.getConnection();
        var rows = connection.createStatement().executeQuery("select payload from events")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("first");
    }
  }

  /**
   * Four services in one PostgreSQL, set up with README's SQL for an external server (run as it
   * stands, {@code psql}'s {@code \c} and {@code \password} done as psql does them): each role
   * keeps to its own schema.
   */
  @Test
  void withReadmesSqlNoServicesRoleCanReadOrWriteAnothersSchemaOrLeaveTablesInPublic()
      throws Exception {
    Map<String, String> tables =
        Map.of(
            "axonserver", "events",
            "bff", "refresh_token",
            "notifications", "scheduled_tasks",
            "analytics", "bookings");
    Map<String, String> passwords = new LinkedHashMap<>();
    tables.keySet().forEach(role -> passwords.put(role, UUID.randomUUID().toString()));
    String superuserPassword = UUID.randomUUID().toString();
    try (var server = EmbeddedPostgresServer.start(home.resolve("shared"), superuserPassword)) {
      String url = runReadmeSql(server.port(), superuserPassword, passwords);
      for (var role : passwords.entrySet()) {
        try (var own = connect(url, role.getKey(), role.getValue());
            var statement = own.createStatement()) {
          String table = role.getKey() + "." + tables.get(role.getKey());
          statement.execute(
              "create table " + table + " (id bigserial primary key, data text not null)");
          statement.execute("insert into " + table + " (data) values ('mine')");
        }
      }

      List<String> tried = new ArrayList<>();
      for (var role : passwords.entrySet()) {
        try (var connection = connect(url, role.getKey(), role.getValue())) {
          for (var other : tables.entrySet()) {
            String table = other.getKey() + "." + other.getValue();
            if (other.getKey().equals(role.getKey())) {
              assertThat(count(connection, table)).as(role.getKey() + " reads its own").isOne();
              continue;
            }
            for (String sql :
                List.of(
                    "select * from " + table,
                    "insert into " + table + " (data) values ('theirs')",
                    "update " + table + " set data = 'theirs'",
                    "delete from " + table,
                    "create table " + other.getKey() + ".planted (id int)")) {
              assertThat(sqlState(connection, sql))
                  .as(role.getKey() + ": " + sql)
                  .isEqualTo(INSUFFICIENT_PRIVILEGE);
              tried.add(sql);
            }
          }
          assertThat(sqlState(connection, "create table public.planted (id int)"))
              .as(role.getKey() + " in schema public")
              .isEqualTo(INSUFFICIENT_PRIVILEGE);
          assertThat(sqlState(connection, "create schema planted"))
              .as(role.getKey() + " making a schema")
              .isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
      }
      assertThat(tried).hasSize(4 * 3 * 5);
      try (var superuser = connect(url, EmbeddedPostgresServer.SUPERUSER, superuserPassword)) {
        for (var table : tables.entrySet()) {
          assertThat(count(superuser, table.getKey() + "." + table.getValue()))
              .as("nothing of " + table.getKey() + "'s changed")
              .isOne();
        }
      }
    }
  }

  /**
   * Runs the first SQL block of README's "An external PostgreSQL" as the superuser, and answers the
   * URL of the database it connected to last.
   */
  private static String runReadmeSql(
      int port, String superuserPassword, Map<String, String> passwords) throws Exception {
    String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    String section = readme.substring(readme.indexOf("### An external PostgreSQL"));
    int start = section.indexOf("```sql\n") + "```sql\n".length();
    String sql = section.substring(start, section.indexOf("```", start));
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    Connection connection = connect(url, EmbeddedPostgresServer.SUPERUSER, superuserPassword);
    try {
      var statement = new StringBuilder();
      for (String line : sql.lines().map(String::strip).toList()) {
        if (line.isEmpty() || line.startsWith("--")) {
          continue;
        }
        if (line.startsWith("\\c ")) {
          connection.close();
          url = "jdbc:postgresql://localhost:" + port + "/" + line.substring(3).strip();
          connection = connect(url, EmbeddedPostgresServer.SUPERUSER, superuserPassword);
        } else if (line.startsWith("\\password ")) {
          String role = line.substring(10).strip();
          connection
              .unwrap(PGConnection.class)
              .alterUserPassword(role, passwords.get(role).toCharArray(), "scram-sha-256");
        } else {
          statement.append(line).append('\n');
          if (line.endsWith(";")) {
            try (var execute = connection.createStatement()) {
              execute.execute(statement.toString());
            }
            statement.setLength(0);
          }
        }
      }
      assertThat(statement.toString()).as("README's SQL ends with a statement").isBlank();
    } finally {
      connection.close();
    }
    return url;
  }

  @Test
  void aDataFolderMadeByAnOlderVersionWithTrustIsMigratedOnItsFirstStart() throws Exception {
    Path data = home.resolve("bff").resolve("postgres");
    // as the embedded server was made before passwords: the library's defaults, trust
    try (var old =
            EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        var connection = old.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("create schema bff");
      statement.execute(
          "create table bff.refresh_token (id bigserial primary key, family text not null)");
      statement.execute("insert into bff.refresh_token (family) values ('before')");
    }
    assertThat(EmbeddedPostgresServer.trustsAnyone(data)).isTrue();

    try (var database = ServiceDatabase.open("bff", home, setting -> null);
        var dataSource = (HikariDataSource) database.dataSource(1);
        var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("insert into refresh_token (family) values ('after')");
      var rows =
          statement.executeQuery(
              "select string_agg(family, ',' order by id), inet_server_port() from refresh_token");
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("before,after");
      String url = "jdbc:postgresql://localhost:" + rows.getInt(2) + "/postgres";
      rows =
          statement.executeQuery(
              "select string_agg(distinct tableowner, ',') from pg_tables where schemaname = 'bff'");
      rows.next();
      assertThat(rows.getString(1)).as("the tables are the role's now").isEqualTo("bff");

      assertThat(EmbeddedPostgresServer.trustsAnyone(data)).isFalse();
      assertThat(refusal(url, "postgres", null).getSQLState()).isEqualTo(CONNECTION_REJECTED);
      assertThat(refusal(url, "postgres", "not-the-password").getSQLState())
          .isEqualTo(INVALID_PASSWORD);
      assertThat(refusal(url, "bff", "not-the-password").getSQLState()).isEqualTo(INVALID_PASSWORD);
    }
  }

  private String secret(String name) throws Exception {
    return Files.readString(home.resolve("secrets").resolve(name + ".password"));
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  private static SQLException refusal(String url, String user, String password) {
    SQLException refused =
        catchThrowableOfType(SQLException.class, () -> connect(url, user, password).close());
    assertThat((Throwable) refused).as(user + " got in").isNotNull();
    return refused;
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (var rows = connection.createStatement().executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String sqlState(Connection connection, String sql) {
    SQLException refused =
        catchThrowableOfType(
            SQLException.class,
            () -> {
              try (var statement = connection.createStatement()) {
                statement.execute(sql);
              }
            });
    assertThat((Throwable) refused).as(sql + " was allowed").isNotNull();
    return refused.getSQLState();
  }
}

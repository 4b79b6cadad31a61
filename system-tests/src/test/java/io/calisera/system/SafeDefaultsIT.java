package io.calisera.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.calisera.testing.ApiClient;
import io.calisera.testing.PlatformProcesses;
import io.calisera.testing.PlatformProcesses.Service;
import io.calisera.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform started with no settings, as {@code ./calisera up} starts it, is reachable from this
 * machine only; one setting opens the bff; and dev-login cannot be opened with it. Its embedded
 * PostgreSQL servers admit each its own service's role with that role's password, and nobody else.
 */
@Order(1)
@ExtendWith(SharedPlatform.class)
class SafeDefaultsIT {

  static Path home;
  static PlatformProcesses platform;
  static List<ServiceProcess> services;

  @BeforeAll
  static void takeThePlatformWithItsDefaults(SharedPlatform.Running shared) {
    home = shared.home();
    platform = shared.platform();
    services =
        Stream.of(
                "command-side-1",
                "query-side-1",
                "analytics-projector-1",
                "bff-1",
                "notification-saga-1")
            .map(platform::process)
            .toList();
  }

  /** A listening socket: its address and port, and the process that holds it. */
  record Listener(InetAddress address, int port, String process) {
    @Override
    public String toString() {
      return process + " on " + address.getHostAddress() + ":" + port;
    }
  }

  @Test
  void nothingListensBeyondTheLoopbackInterface() {
    Map<Long, String> processes = new HashMap<>();
    processes.put(platform.hub().pid(), "hub");
    services.forEach(
        service -> processes.put(service.pid(), service.log().getFileName().toString()));
    // the embedded PostgreSQL servers and their backends, which outlive their JVM's parenthood
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(home.toString()))
        .forEach(p -> processes.putIfAbsent(p.pid(), p.info().command().orElse("?")));

    List<Listener> listeners = listeners(processes);
    System.out.println("SafeDefaultsIT: listening: " + listeners);

    assertThat(listeners)
        .as("every service's HTTP port is among them")
        .extracting(Listener::port)
        .contains(platform.hub().httpPort())
        .containsAll(services.stream().map(ServiceProcess::httpPort).toList());
    assertThat(listeners)
        .as("the hub's gRPC port is among them too")
        .extracting(Listener::port)
        .contains(platform.hub().grpcPort());
    assertThat(listeners)
        .allSatisfy(
            listener ->
                assertThat(listener.address().isLoopbackAddress())
                    .as(listener.toString())
                    .isTrue());
  }

  @Test
  void oneSettingOpensTheBffWithoutDevLogin() {
    var settings = new HashMap<String, String>();
    settings.put("CALISERA_BIND_ADDRESS", "0.0.0.0");
    settings.put("CALISERA_AUTH_DEV_LOGIN", null); // unset, as an operator leaves it
    ServiceProcess open = platform.prepare(Service.BFF, "bff-open", settings);
    try {
      open.start();
      List<Listener> listeners = listeners(Map.of(open.pid(), "bff-open"));
      assertThat(listeners)
          .filteredOn(listener -> listener.port() == open.httpPort())
          .singleElement()
          .satisfies(listener -> assertThat(listener.address().isAnyLocalAddress()).isTrue());
      ApiClient api = ApiClient.onPort(open.httpPort());
      assertThat(
              api.post(
                      "/auth/dev-login",
                      null,
                      "{\"email\":\"a@example.com\",\"name\":\"A\",\"roles\":[\"ADMIN\"]}")
                  .status())
          .as("no dev-login on a public bff")
          .isEqualTo(404);
    } finally {
      open.stop();
    }
  }

  @Test
  void theBffRefusesToStartWithDevLoginAndAPublicBindAndSaysWhy() throws IOException {
    ServiceProcess refused =
        platform.prepare(Service.BFF, "bff-refused", Map.of("CALISERA_BIND_ADDRESS", "0.0.0.0"));

    Throwable failure = catchThrowable(refused::start);

    assertThat(failure).hasMessageContaining("bff exited with");
    assertThat(refused.isAlive()).isFalse();
    assertThat(Files.readString(refused.log()))
        .contains(
            "dev-login is on (CALISERA_AUTH_DEV_LOGIN=true) while the bff listens on 0.0.0.0"
                + " (CALISERA_BIND_ADDRESS)")
        .doesNotContain("Tomcat started");
  }

  /** An embedded PostgreSQL of the platform: whose it is, where its data and passwords are. */
  record EmbeddedDatabase(String role, Path home) {

    String url() {
      // postmaster.pid's fourth line is the port the server listens on
      return "jdbc:postgresql://localhost:"
          + lines(home.resolve(role).resolve("postgres").resolve("postmaster.pid")).get(3).trim()
          + "/postgres";
    }

    String password() {
      return secret(role);
    }

    String superuserPassword() {
      return secret(role + "-superuser");
    }

    private String secret(String name) {
      return lines(home.resolve("secrets").resolve("postgres-" + name + ".password")).get(0);
    }
  }

  @Test
  void eachEmbeddedDatabaseAdmitsItsOwnServicesRoleWithItsPasswordAndNobodyElse() throws Exception {
    var hub = new EmbeddedDatabase("axonserver", home.resolve("hub"));
    var bff = new EmbeddedDatabase("bff", home.resolve("bff-1"));
    var notifications = new EmbeddedDatabase("notifications", home.resolve("notification-saga-1"));
    Map<EmbeddedDatabase, String> tables =
        Map.of(hub, "events", bff, "refresh_token", notifications, "scheduled_tasks");

    for (var database : tables.keySet()) {
      String url = database.url();
      for (String role : List.of(database.role(), "postgres")) {
        assertThat(refusal(url, role, null).getSQLState())
            .as(role + " without a password at " + database.role() + "'s")
            .isEqualTo("08004"); // the server asked for a password
        assertThat(refusal(url, role, "wrong").getSQLState())
            .as(role + " with a wrong password at " + database.role() + "'s")
            .isEqualTo("28P01");
      }
      for (var other : tables.keySet()) {
        if (other != database) {
          assertThat(refusal(url, other.role(), other.password()).getSQLState())
              .as(other.role() + "'s role at " + database.role() + "'s")
              .isEqualTo("28P01");
          assertThat(refusal(url, "postgres", other.superuserPassword()).getSQLState())
              .as(other.role() + "'s superuser password at " + database.role() + "'s")
              .isEqualTo("28P01");
        }
      }
      String table = database.role() + "." + tables.get(database);
      try (var own = DriverManager.getConnection(url, database.role(), database.password());
          var rows =
              own.createStatement()
                  .executeQuery(
                      "select rolsuper, (select count(*) >= 0 from "
                          + table
                          + ") from pg_roles where rolname = current_user")) {
        rows.next();
        assertThat(rows.getBoolean(1)).as(database.role() + " is no superuser").isFalse();
        assertThat(rows.getBoolean(2)).as(database.role() + " reads " + table).isTrue();
      }
    }
  }

  private static SQLException refusal(String url, String user, String password) {
    SQLException refused =
        catchThrowableOfType(
            SQLException.class, () -> DriverManager.getConnection(url, user, password).close());
    assertThat((Throwable) refused).as(user + " got in at " + url).isNotNull();
    return refused;
  }

  /**
   * The TCP sockets in LISTEN state of these processes, from {@code /proc}: {@code /proc/net/tcp}
   * and {@code tcp6} list every listening socket with its inode, {@code /proc/<pid>/fd} tells whose
   * it is.
   */
  private static List<Listener> listeners(Map<Long, String> processes) {
    Map<Long, String> owners = new HashMap<>();
    processes.forEach(
        (pid, name) -> socketInodes(pid).forEach(inode -> owners.putIfAbsent(inode, name)));
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : lines(Path.of(table)).stream().skip(1).toList()) {
        String[] columns = line.trim().split("\\s+");
        long inode = Long.parseLong(columns[9]);
        if (columns[3].equals("0A") && owners.containsKey(inode)) {
          String[] local = columns[1].split(":");
          listeners.add(
              new Listener(address(local[0]), Integer.parseInt(local[1], 16), owners.get(inode)));
        }
      }
    }
    return listeners;
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
              }
            } catch (IOException gone) {
              // the descriptor closed meanwhile
            }
          });
    } catch (IOException gone) {
      // the process exited meanwhile
    }
    return inodes;
  }

  /** {@code /proc/net}'s hex notation: the address in 32-bit words of the host's byte order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      int value = Integer.parseUnsignedInt(hex.substring(word * 8, word * 8 + 8), 16);
      for (int i = 0; i < 4; i++) {
        bytes[word * 4 + i] = (byte) (value >>> (8 * i)); // little-endian words (x86, arm64)
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(hex, e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

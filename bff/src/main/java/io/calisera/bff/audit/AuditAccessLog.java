package io.calisera.bff.audit;

import io.calisera.api.common.Role;
import io.calisera.bff.auth.CallerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every read of the audit API, recorded in the bff's database before it is answered (so no read
 * goes unrecorded: when the record cannot be written, the read fails), and listed by {@code GET
 * /api/v1/audit/access}. A request is a read when an {@code AUDITOR} makes it; others are refused
 * before they reach the audit and are not recorded.
 */
@Component
public class AuditAccessLog implements HandlerInterceptor {

  /** The longest path with query string that is kept whole. */
  static final int MAX_PATH = 2000;

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditAccessLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One read: when, by whom, which method and path (with its query string). */
  public record Access(Instant at, String accountId, String method, String path) {}

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication auth
        && auth.getPrincipal().has(Role.AUDITOR)) {
      String path =
          request.getQueryString() == null
              ? request.getRequestURI()
              : request.getRequestURI() + "?" + request.getQueryString();
      record(
          new Access(
              clock.instant(),
              auth.getPrincipal().accountId(),
              request.getMethod(),
              path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path));
    }
    return true;
  }

  void record(Access access) {
    jdbc.sql("insert into audit_access (at, account_id, method, path) values (?, ?, ?, ?)")
        .params(Timestamp.from(access.at()), access.accountId(), access.method(), access.path())
        .update();
  }

  /** The reads in {@code [from, to)} (either bound may be absent), oldest first, one page. */
  List<Access> list(Instant from, Instant to, int page, int size) {
    return jdbc.sql(
            "select at, account_id, method, path from audit_access"
                + " where at >= ? and at < ? order by at, id limit ? offset ?")
        .params(
            Timestamp.from(from == null ? Instant.EPOCH : from),
            Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to),
            size,
            (long) page * size)
        .query(
            (row, number) ->
                new Access(
                    row.getTimestamp("at").toInstant(),
                    row.getString("account_id"),
                    row.getString("method"),
                    row.getString("path")))
        .list();
  }
}

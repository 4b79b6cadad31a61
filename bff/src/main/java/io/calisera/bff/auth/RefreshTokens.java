package io.calisera.bff.auth;

import io.calisera.api.common.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens: opaque random strings of which only the SHA-256 hash is stored, grouped in
 * families (one per login). Using a token spends it and issues the next one of its family; using a
 * spent token again means it was copied, so the whole family is revoked (the thief's and the
 * owner's newest token stop working alike) and the event is logged.
 */
public final class RefreshTokens {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration ttl;

  public RefreshTokens(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration ttl) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A login's family as stored: who it is for, as of login. */
  public record Family(
      String familyId, String accountId, String email, String name, Set<Role> roles) {}

  /** A new refresh token of a family. */
  public record Issued(Family family, String token) {}

  /** Starts a family for a login and issues its first token. */
  public Issued start(String accountId, String email, String name, Set<Role> roles) {
    Instant now = clock.instant();
    Family family = new Family(UUID.randomUUID().toString(), accountId, email, name, roles);
    String token = newToken();
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "insert into refresh_token_family (family_id, account_id, email, name, roles,"
                      + " created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)")
              .params(
                  UUID.fromString(family.familyId()),
                  accountId,
                  email,
                  name,
                  roles.stream().sorted().map(Role::name).collect(Collectors.joining(",")),
                  Timestamp.from(now),
                  Timestamp.from(now.plus(ttl)))
              .update();
          insertToken(family.familyId(), token, now);
        });
    return new Issued(family, token);
  }

  /**
   * Spends {@code token} and issues the next one of its family; empty when the token is unknown,
   * expired, revoked or spent (which revokes its family).
   */
  public Optional<Issued> rotate(String token) {
    Instant now = clock.instant();
    byte[] hash = hash(token);
    return transactions.execute(
        status -> {
          var found =
              jdbc.sql(
                      "select t.family_id, t.expires_at, t.spent_at, f.account_id, f.email,"
                          + " f.name, f.roles, f.revoked_at from refresh_token t join"
                          + " refresh_token_family f on f.family_id = t.family_id"
                          + " where t.token_hash = ? for update of t, f")
                  .param(hash)
                  .query(
                      (row, i) ->
                          new Found(
                              new Family(
                                  row.getString("family_id"),
                                  row.getString("account_id"),
                                  row.getString("email"),
                                  row.getString("name"),
                                  roles(row.getString("roles"))),
                              row.getTimestamp("expires_at").toInstant(),
                              row.getTimestamp("spent_at") != null,
                              row.getTimestamp("revoked_at") != null))
                  .optional();
          if (found.isEmpty()) {
            return Optional.<Issued>empty();
          }
          Found current = found.get();
          if (current.revoked()) {
            return Optional.<Issued>empty();
          }
          if (current.spent()) {
            revokeFamily(current.family().familyId(), "reuse", now);
            LOG.warn(
                "Refresh token re-used: revoked family {} of account {}",
                current.family().familyId(),
                current.family().accountId());
            return Optional.<Issued>empty();
          }
          if (!current.expiresAt().isAfter(now)) {
            return Optional.<Issued>empty();
          }
          jdbc.sql("update refresh_token set spent_at = ? where token_hash = ?")
              .params(Timestamp.from(now), hash)
              .update();
          String next = newToken();
          insertToken(current.family().familyId(), next, now);
          jdbc.sql("update refresh_token_family set expires_at = ? where family_id = ?")
              .params(Timestamp.from(now.plus(ttl)), UUID.fromString(current.family().familyId()))
              .update();
          return Optional.of(new Issued(current.family(), next));
        });
  }

  /** Revokes a family of {@code accountId} (logout); a family of another account is left alone. */
  public void revoke(String familyId, String accountId) {
    UUID id;
    try {
      id = UUID.fromString(familyId);
    } catch (IllegalArgumentException notOurs) {
      return;
    }
    jdbc.sql(
            "update refresh_token_family set revoked_at = ?, revoked_reason = 'logout'"
                + " where family_id = ? and account_id = ? and revoked_at is null")
        .params(Timestamp.from(clock.instant()), id, accountId)
        .update();
  }

  /** Forgets families whose newest token expired a day ago (spent tokens must outlive reuse). */
  public int deleteExpired() {
    return jdbc.sql("delete from refresh_token_family where expires_at < ?")
        .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
        .update();
  }

  private void revokeFamily(String familyId, String reason, Instant now) {
    jdbc.sql(
            "update refresh_token_family set revoked_at = ?, revoked_reason = ?"
                + " where family_id = ? and revoked_at is null")
        .params(Timestamp.from(now), reason, UUID.fromString(familyId))
        .update();
  }

  private void insertToken(String familyId, String token, Instant now) {
    jdbc.sql(
            "insert into refresh_token (token_hash, family_id, issued_at, expires_at)"
                + " values (?, ?, ?, ?)")
        .params(
            hash(token),
            UUID.fromString(familyId),
            Timestamp.from(now),
            Timestamp.from(now.plus(ttl)))
        .update();
  }

  private record Found(Family family, Instant expiresAt, boolean spent, boolean revoked) {}

  private static Set<Role> roles(String names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(names.split(","))
        .filter(name -> !name.isBlank())
        .forEach(name -> roles.add(Role.valueOf(name)));
    return roles;
  }

  /** 256 random bits, base64url: unguessable, and fine in a URL-safe JSON string. */
  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

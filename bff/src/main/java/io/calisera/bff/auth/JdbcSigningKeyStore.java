package io.calisera.bff.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys in the bff's PostgreSQL (table {@code signing_key}), private parts as PKCS#8. Chosen
 * over a file because every bff instance must sign with the same key and know each other's keys,
 * and the database is what they share; it is also backed up with the refresh tokens that go with
 * the keys. Changes run under a transaction-scoped advisory lock, so one instance rotates at a
 * time.
 */
public final class JdbcSigningKeyStore implements SigningKeyStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcSigningKeyStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public List<StoredSigningKey> all() {
    return jdbc.sql(
            "select kid, algorithm, private_key, public_key, created_at, active_from"
                + " from signing_key order by active_from")
        .query(JdbcSigningKeyStore::row)
        .list();
  }

  @Override
  public void change(Function<List<StoredSigningKey>, Change> change) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql("select pg_advisory_xact_lock(hashtext('bff.signing_key'))").query().singleRow();
          Change decided = change.apply(all());
          for (StoredSigningKey key : decided.add()) {
            insert(key);
          }
          for (String kid : decided.delete()) {
            jdbc.sql("delete from signing_key where kid = ?").param(kid).update();
          }
        });
  }

  private void insert(StoredSigningKey stored) {
    try {
      JWK key = stored.key();
      PrivateKey privateKey;
      PublicKey publicKey;
      if (key instanceof ECKey ec) {
        privateKey = ec.toPrivateKey();
        publicKey = ec.toPublicKey();
      } else if (key instanceof RSAKey rsa) {
        privateKey = rsa.toPrivateKey();
        publicKey = rsa.toPublicKey();
      } else {
        throw new IllegalArgumentException("only EC and RSA keys are stored");
      }
      jdbc.sql(
              "insert into signing_key (kid, algorithm, private_key, public_key, created_at,"
                  + " active_from) values (?, ?, ?, ?, ?, ?)")
          .params(
              stored.kid(),
              key.getAlgorithm().getName(),
              privateKey.getEncoded(),
              publicKey.getEncoded(),
              Timestamp.from(stored.createdAt()),
              Timestamp.from(stored.activeFrom()))
          .update();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not encode signing key " + stored.kid(), e);
    }
  }

  private static StoredSigningKey row(ResultSet row, int index) throws SQLException {
    String kid = row.getString("kid");
    JWSAlgorithm algorithm = JWSAlgorithm.parse(row.getString("algorithm"));
    byte[] privateBytes = row.getBytes("private_key");
    byte[] publicBytes = row.getBytes("public_key");
    try {
      JWK key;
      if (JWSAlgorithm.Family.EC.contains(algorithm)) {
        KeyFactory factory = KeyFactory.getInstance("EC");
        var publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicBytes));
        var privateKey =
            (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes));
        key =
            new ECKey.Builder(
                    com.nimbusds.jose.jwk.Curve.forECParameterSpec(publicKey.getParams()),
                    publicKey)
                .privateKey(privateKey)
                .keyID(kid)
                .algorithm(algorithm)
                .keyUse(KeyUse.SIGNATURE)
                .build();
      } else {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        var publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicBytes));
        var privateKey =
            (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateBytes));
        key =
            new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyID(kid)
                .algorithm(algorithm)
                .keyUse(KeyUse.SIGNATURE)
                .build();
      }
      return new StoredSigningKey(
          key,
          row.getTimestamp("created_at").toInstant(),
          row.getTimestamp("active_from").toInstant());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Stored signing key " + kid + " cannot be read", e);
    }
  }
}

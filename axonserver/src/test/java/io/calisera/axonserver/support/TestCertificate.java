package io.calisera.axonserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost} (and 127.0.0.1) that a test makes for itself, as
 * PEM files: the certificate, which clients also trust, and its PKCS#8 private key.
 *
 * @param certificate the certificate chain file (one certificate)
 * @param privateKey the private key file
 */
public record TestCertificate(Path certificate, Path privateKey) {

  /** Valid from long before to long after any run: TLS checks it against the machine's clock. */
  private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");

  private static final Instant NOT_AFTER = Instant.parse("2100-01-01T00:00:00Z");

  /** Makes a new key and certificate under {@code folder}, named {@code name}. */
  public static TestCertificate forLocalhost(Path folder, String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=localhost");
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(System.nanoTime()),
              Date.from(NOT_BEFORE),
              Date.from(NOT_AFTER),
              subject,
              keys.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      byte[] certificate =
          builder
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
              .getEncoded();
      Files.createDirectories(folder);
      return new TestCertificate(
          pem(folder.resolve(name + ".crt"), "CERTIFICATE", certificate),
          pem(folder.resolve(name + ".key"), "PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }
}

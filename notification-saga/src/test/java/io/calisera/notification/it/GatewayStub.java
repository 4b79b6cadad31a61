package io.calisera.notification.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An SMS or push gateway as the outside world runs one: an HTTP endpoint that accepts each signed
 * message with 202 and remembers it, checking the bearer token and the signature as a real gateway
 * would (a request failing either is answered 401 and not remembered).
 */
final class GatewayStub implements AutoCloseable {

  record Request(String idempotencyKey, String body) {}

  private final HttpServer server;
  private final List<Request> accepted = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  GatewayStub(String token, String signingSecret) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/messages",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String signature = exchange.getRequestHeaders().getFirst("Calisera-Signature");
            if (("Bearer " + token).equals(authorization)
                && signature != null
                && signature.equals(sign(signingSecret, timestampOf(signature), body))) {
              accepted.add(
                  new Request(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
              exchange.sendResponseHeaders(202, -1);
            } else {
              refused.add(body);
              exchange.sendResponseHeaders(401, -1);
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
  }

  List<Request> accepted() {
    return List.copyOf(accepted);
  }

  List<String> refused() {
    return List.copyOf(refused);
  }

  private static String timestampOf(String signature) {
    return signature.substring(2, signature.indexOf(','));
  }

  private static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t="
          + timestamp
          + ",v1="
          + HexFormat.of()
              .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

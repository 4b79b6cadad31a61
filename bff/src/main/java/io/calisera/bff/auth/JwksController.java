package io.calisera.bff.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Calisera's public signing keys, for anyone who verifies its access tokens. */
@RestController
@Tag(name = "Authentication")
class JwksController {

  /** Shorter than the time a new key is published before it signs. */
  private static final Duration CACHE = Duration.ofMinutes(5);

  private final SigningKeys keys;

  JwksController(SigningKeys keys) {
    this.keys = keys;
  }

  @Public
  @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Calisera's public signing keys (JWK set)",
      description =
          "The key that signs now, the next one shortly before it takes over, and earlier ones"
              + " while tokens they signed may still be valid.")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(CACHE).cachePublic())
        .body(keys.publishedKeys().toJSONObject(true));
  }
}

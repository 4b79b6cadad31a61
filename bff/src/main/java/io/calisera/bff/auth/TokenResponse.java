package io.calisera.bff.auth;

/**
 * The answer of every token endpoint ({@code /auth/token}, {@code /auth/refresh}, {@code
 * /auth/dev-login}).
 *
 * @param expiresIn the access token's lifetime in seconds
 */
public record TokenResponse(
    String accessToken, String refreshToken, String tokenType, long expiresIn) {

  static TokenResponse bearer(AccessTokens.Issued access, String refreshToken) {
    return new TokenResponse(
        access.token(), refreshToken, "Bearer", access.expiresIn().toSeconds());
  }
}

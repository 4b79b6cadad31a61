package io.calisera.bff.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * dev-login was asked for where anyone else could reach it ({@link DevLoginCondition}): the bff
 * does not start, and {@link Analyzer} says why in one line instead of a stack trace.
 */
public class UnsafeDevLoginException extends IllegalStateException {

  UnsafeDevLoginException(String reason) {
    super(reason);
  }

  /** Registered in {@code META-INF/spring.factories}. */
  public static class Analyzer extends AbstractFailureAnalyzer<UnsafeDevLoginException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDevLoginException cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Unset CALISERA_AUTH_DEV_LOGIN (or set it to false) for this bff; dev-login is for a bff"
              + " that listens on 127.0.0.1 alone with the embedded PostgreSQL.",
          cause);
    }
  }
}

package io.calisera.bff.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers besides 401/403 (added by the access rule) and 400 (added for
 * every endpoint that takes input): listed in its OpenAPI description, grouped by status.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiProblems {
  ProblemCode[] value();
}

package io.calisera.bff.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @Public} endpoint whose answer depends on whether the caller is authenticated (e.g.
 * booking as a customer or as a guest): its OpenAPI description lists its security requirements
 * and, as an alternative, none.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OptionalAuthentication {}

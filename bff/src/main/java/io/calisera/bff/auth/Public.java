package io.calisera.bff.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Anyone may call this endpoint, without a token. The only annotation that opens an endpoint to
 * anonymous callers: every other endpoint requires authentication before method security even looks
 * at its {@link PreAuthorize} (see {@code EndpointAccess}). An endpoint that serves anonymous
 * callers only in some cases (a guest's capability) is {@code @Public} and decides inside.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("permitAll()")
public @interface Public {}

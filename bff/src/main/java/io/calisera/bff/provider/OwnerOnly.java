package io.calisera.bff.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only the owner of the provider named by the endpoint's {@code providerId} parameter: other
 * authenticated callers get 403, anonymous ones 401, and an unknown provider is 404.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("@owners.owns(#providerId, principal)")
public @interface OwnerOnly {}

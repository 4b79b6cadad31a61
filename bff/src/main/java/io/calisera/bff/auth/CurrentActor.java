package io.calisera.bff.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller parameter of type {@link io.calisera.api.common.Actor}: the caller as the actor
 * of the commands the endpoint sends; {@code Actor.GUEST} for an anonymous caller.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CurrentActor {}

package io.calisera.command.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A domain class that the wiring instantiates once and hands its dependencies to: command handlers
 * that work on several aggregates in one unit of work, and the small services they share. It keeps
 * Spring out of the domain packages: the {@code config} package scans for this marker.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DomainComponent {}

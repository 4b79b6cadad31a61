package io.calisera.axonserver.testapp;

/** The name of one running test application, so that answers tell which instance gave them. */
public record TestInstance(String name) {}

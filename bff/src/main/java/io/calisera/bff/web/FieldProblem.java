package io.calisera.bff.web;

/** One entry of a validation problem's {@code errors}. */
public record FieldProblem(String field, String message) {}

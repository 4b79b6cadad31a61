package io.calisera.api.provider;

/** Answered with an {@code Optional<ScheduleView>}. */
public record FindScheduleQuery(String providerId) {}

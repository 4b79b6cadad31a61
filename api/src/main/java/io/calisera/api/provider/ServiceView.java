package io.calisera.api.provider;

public record ServiceView(String serviceId, ServiceDefinition definition, boolean active) {}

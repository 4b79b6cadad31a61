package io.calisera.api.provider;

import java.util.List;

public record ServiceList(String providerId, List<ServiceView> services) {}

package io.calisera.api.provider;

import java.util.List;

public record ProviderPage(List<ProviderSummary> items, int page, int size, long total) {}

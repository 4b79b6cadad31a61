package io.calisera.bff.pages;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages' style sheet and script modules ({@code src/main/resources/web}) at {@code /assets/}:
 * public like the pages, served by the platform itself (no CDN), cached by browsers for an hour.
 * Nothing else is served as a static file: the bff is an API first ({@code
 * spring.web.resources.add-mappings: false}).
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations("classpath:/web/")
        .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
  }
}

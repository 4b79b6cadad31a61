package io.calisera.bff.config;

import io.calisera.bff.auth.CurrentActorResolver;
import io.calisera.bff.web.Problems;
import io.calisera.bff.web.RequestBodyLimitFilter;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC: {@code @CurrentActor} parameters and the request body limit. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CurrentActorResolver());
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
      BffProperties properties, Problems problems) {
    var registration =
        new FilterRegistrationBean<>(
            new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}

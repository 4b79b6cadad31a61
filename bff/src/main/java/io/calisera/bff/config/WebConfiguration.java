package io.calisera.bff.config;

import io.calisera.bff.BffProperties;
import io.calisera.bff.audit.AuditAccessLog;
import io.calisera.bff.auth.CurrentActorResolver;
import io.calisera.bff.gateway.TraceParent;
import io.calisera.bff.ratelimit.RateLimits;
import io.calisera.bff.web.ProblemErrorReportValve;
import io.calisera.bff.web.Problems;
import io.calisera.bff.web.RequestBodyLimitFilter;
import io.calisera.bff.web.RequestParametersFilter;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC and Tomcat: the trace of each request, {@code @CurrentActor} parameters, the record of
 * audit reads, the rate limits, the request body limit, parameters Tomcat cannot decode, and
 * Tomcat's own error answers as problems.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final RateLimits rateLimits;
  private final AuditAccessLog auditAccessLog;

  WebConfiguration(RateLimits rateLimits, AuditAccessLog auditAccessLog) {
    this.rateLimits = rateLimits;
    this.auditAccessLog = auditAccessLog;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CurrentActorResolver());
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(rateLimits);
    registry.addInterceptor(auditAccessLog).addPathPatterns("/api/v1/audit/**");
  }

  /** Requests Tomcat refuses before the application sees them are answered as problems too. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }

  /** First of all, so that every answer, a problem too, says its trace. */
  @Bean
  FilterRegistrationBean<TraceParent> traceParent() {
    var registration = new FilterRegistrationBean<>(new TraceParent());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
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

  /** After the body limit (a form body is parsed here), before Spring Security reads anything. */
  @Bean
  FilterRegistrationBean<RequestParametersFilter> requestParameters(Problems problems) {
    var registration = new FilterRegistrationBean<>(new RequestParametersFilter(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}

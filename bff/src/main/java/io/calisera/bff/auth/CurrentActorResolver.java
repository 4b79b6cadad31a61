package io.calisera.bff.auth;

import io.calisera.api.common.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@code @CurrentActor Actor}: the caller's actor, or {@code Actor.GUEST}. */
public final class CurrentActorResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(CurrentActor.class)
        && Actor.class.equals(parameter.getParameterType());
  }

  @Override
  public Actor resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    return current();
  }

  /** The actor of the request being handled. */
  public static Actor current() {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof CallerAuthentication caller
        ? caller.getPrincipal().actor()
        : Actor.GUEST;
  }
}

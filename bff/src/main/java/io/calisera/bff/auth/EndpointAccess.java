package io.calisera.bff.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call an endpoint is written on it, and this reads it for the URL level of Spring
 * Security: a request whose handler is annotated {@link Public} (on the method, or on the class
 * when the method has no access annotation) or {@link TokenOrCapability} is let through without
 * authentication (the latter decides inside); a request for which no controller exists (unknown
 * path or method) is let through so that it gets its 404 or 405; every other request to a
 * controller requires authentication before its {@link PreAuthorize} is even evaluated. {@link
 * #unguarded} lists the controller methods of the bff that state nothing, which the bff refuses to
 * start with.
 */
public final class EndpointAccess {

  private static final String OWN_PACKAGE = "io.calisera.bff.";

  private final ObjectProvider<RequestMappingHandlerMapping> mappings;

  public EndpointAccess(ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  /** Requests that need no authentication at the URL level. */
  public RequestMatcher openToAnonymous() {
    return request -> {
      HandlerMethod handler = handler(request);
      return handler == null || opensWithoutToken(handler);
    };
  }

  /**
   * Whether requests without a token reach the endpoint ({@link Public}, {@link
   * TokenOrCapability}).
   */
  public static boolean opensWithoutToken(HandlerMethod handler) {
    return isPublic(handler)
        || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), TokenOrCapability.class);
  }

  public static boolean isPublic(HandlerMethod handler) {
    Method method = handler.getMethod();
    if (AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)) {
      return AnnotatedElementUtils.hasAnnotation(method, Public.class);
    }
    return AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Public.class);
  }

  /** Whether the endpoint states who may call it (on the method or its class). */
  public static boolean isGuarded(HandlerMethod handler) {
    return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
  }

  /** The bff's controller methods without an access annotation. */
  public List<String> unguarded() {
    List<String> missing = new ArrayList<>();
    for (RequestMappingHandlerMapping mapping : mappings) {
      mapping
          .getHandlerMethods()
          .forEach(
              (info, handler) -> {
                if (handler.getBeanType().getName().startsWith(OWN_PACKAGE)
                    && !isGuarded(handler)) {
                  missing.add(handler.getShortLogMessage() + " " + info);
                }
              });
    }
    return missing;
  }

  private HandlerMethod handler(HttpServletRequest request) {
    HttpServletRequest probe = new AttributeShield(request);
    for (RequestMappingHandlerMapping mapping : mappings) {
      try {
        HandlerExecutionChain chain = mapping.getHandler(probe);
        if (chain != null && chain.getHandler() instanceof HandlerMethod method) {
          return method;
        }
      } catch (Exception noMatch) {
        // wrong method or media type: no endpoint takes it, MVC answers 405 or 415
      }
    }
    return null;
  }

  /**
   * The look-up writes request attributes (the matched pattern, URI variables); keep them out of
   * the real request, which the dispatcher will match again.
   */
  private static final class AttributeShield extends HttpServletRequestWrapper {
    private final Map<String, Object> attributes = new HashMap<>();
    private final Set<String> removed = new HashSet<>();

    AttributeShield(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Object getAttribute(String name) {
      if (attributes.containsKey(name)) {
        return attributes.get(name);
      }
      return removed.contains(name) ? null : super.getAttribute(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
      names.removeAll(removed);
      names.addAll(attributes.keySet());
      return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
      removed.remove(name);
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      attributes.remove(name);
      removed.add(name);
    }
  }
}

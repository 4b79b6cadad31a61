package io.calisera.bff.web;

import io.calisera.bff.BffProperties;
import org.springframework.stereotype.Component;

/** The public URLs the API hands out, all below {@code CALISERA_PUBLIC_BASE_URL}. */
@Component
public class Links {

  private final String base;

  public Links(BffProperties properties) {
    this.base = properties.issuer();
  }

  /** The provider's booking page, which its QR code encodes. */
  public String bookingUrl(String slug) {
    return base + "/p/" + slug;
  }

  /** The page where a guest views, cancels or reschedules the booking the capability opens. */
  public String manageUrl(String capability) {
    return base + "/manage/" + capability;
  }
}

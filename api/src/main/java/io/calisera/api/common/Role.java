package io.calisera.api.common;

/** What a person may do on the platform; one account may hold several. */
public enum Role {
  /** Books for themself. */
  CUSTOMER,
  /** Manages the providers they own. */
  PROVIDER,
  /** Reads everything under audit, changes nothing. */
  AUDITOR,
  /** Operates the platform. */
  ADMIN
}

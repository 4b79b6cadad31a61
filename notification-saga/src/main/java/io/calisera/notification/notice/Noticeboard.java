package io.calisera.notification.notice;

/**
 * Where the sagas post what is to be told. Posting joins the saga's transaction, so a notice is
 * stored exactly when the saga step that decided it commits, and posting the same notice twice (a
 * redelivered event, a deadline run again) stores it once.
 */
public interface Noticeboard {

  void post(Notice notice);
}

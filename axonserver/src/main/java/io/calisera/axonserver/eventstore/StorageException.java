package io.calisera.axonserver.eventstore;

/** The database failed a read or write; the caller gets a storage error, the store stays intact. */
final class StorageException extends RuntimeException {
  StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

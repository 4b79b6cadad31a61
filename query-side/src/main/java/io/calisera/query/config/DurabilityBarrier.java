package io.calisera.query.config;

/**
 * Makes every write acknowledged so far durable before the caller goes on. The token store calls it
 * before it moves a tracking token forward, so that a token on disk never runs ahead of the read
 * model documents it stands for (see {@link MongoTokenStore}).
 */
@FunctionalInterface
public interface DurabilityBarrier {

  /** For a server whose acknowledged writes are durable already (a real MongoDB, journaled). */
  DurabilityBarrier NONE = () -> {};

  void flush();
}

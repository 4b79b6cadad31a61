package io.calisera.query.config;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default store: a MongoDB wire-protocol server in this JVM (mongo-java-server) whose data
 * lives in one H2 MVStore file under {@code $CALISERA_HOME/query-side/}. Not used when {@code
 * spring.mongodb.uri} names a real MongoDB.
 *
 * <p>Crashes: the MVStore writes acknowledged changes to its file in the background, so a {@code
 * kill -9} loses the most recent ones. Everything of the query side (read models and tracking
 * tokens) lives in this one file, and the token store calls {@link #durabilityBarrier} (an MVStore
 * commit, shared by the processors that wait for one at the same time: {@link GroupCommit}) before
 * it moves a token forward: a token on disk therefore never stands for documents that are not.
 * After a crash the processors re-apply events from the older token, which the position check of
 * every document makes harmless.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mongodb.uri:}'.isEmpty()")
public class EmbeddedMongoConfiguration {

  static final String DATABASE = "calisera";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

  /** Closed by the server's shutdown, which commits and closes the store. */
  @Bean(destroyMethod = "")
  H2Backend embeddedMongoBackend(QuerySideProperties properties) {
    Path folder = properties.home().resolve("query-side").toAbsolutePath();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + folder, e);
    }
    Path file = folder.resolve("read-models.mv");
    MVStore store = new MVStore.Builder().fileName(file.toString()).open();
    log.info("Embedded MongoDB (mongo-java-server, H2 MVStore) keeps its data in {}", file);
    return new H2Backend(store);
  }

  @Bean(destroyMethod = "shutdown")
  MongoServer embeddedMongoServer(H2Backend backend) {
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    return server;
  }

  @Bean
  MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server) {
    InetSocketAddress address = server.getLocalAddress();
    var connectionString =
        new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE);
    return () -> connectionString;
  }

  @Bean
  DurabilityBarrier durabilityBarrier(H2Backend backend) {
    return new GroupCommit(backend::commit);
  }
}

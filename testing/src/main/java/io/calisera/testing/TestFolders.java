package io.calisera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Folders that tests keep under {@code target} for whoever reads a failure afterwards. */
public final class TestFolders {

  private TestFolders() {}

  /** {@code folder} as an absolute path, emptied of what an earlier run left there. */
  public static Path emptied(Path folder) {
    Path absolute = folder.toAbsolutePath();
    if (Files.exists(absolute)) {
      try (var paths = Files.walk(absolute)) {
        paths
            .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
            .forEach(TestFolders::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return absolute;
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

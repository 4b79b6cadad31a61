package io.calisera.bff.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Screenshots in headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs when
 * it is missing; {@code CALISERA_CHROMIUM} names another binary): what a person sees on a phone.
 */
final class Chromium {

  private Chromium() {}

  /**
   * Shows {@code svg} as an image filling a page {@code width} CSS pixels wide, as the studio
   * would, and writes the screenshot at twice that (a phone's pixel ratio) to {@code png}.
   */
  static void screenshotOfSvg(String svg, int width, int height, Path png)
      throws IOException, InterruptedException {
    Path folder = Files.createDirectories(png.toAbsolutePath().getParent());
    String name = png.getFileName().toString().replaceFirst("\\.png$", "");
    Files.writeString(folder.resolve(name + ".svg"), svg);
    Path page = folder.resolve(name + ".html");
    Files.writeString(
        page,
        "<!doctype html><html><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width\">"
            + "<style>body{margin:0;background:#fff}img{display:block;width:100%;height:auto}"
            + "</style></head><body><img src=\""
            + name
            + ".svg\" alt=\"chart\"></body></html>");
    Path profile = Files.createTempDirectory("chromium-profile");
    Path log = folder.resolve(name + ".chromium.log");
    Files.deleteIfExists(png);
    Process chromium =
        new ProcessBuilder(
                List.of(
                    binary(),
                    "--headless",
                    // root in a container has no user namespace for the sandbox
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--user-data-dir=" + profile,
                    "--force-device-scale-factor=2",
                    "--window-size=" + width + "," + height,
                    "--screenshot=" + png.toAbsolutePath(),
                    page.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
      chromium.destroyForcibly();
      throw new IllegalStateException("Chromium took over 2 minutes; see " + log);
    }
    if (chromium.exitValue() != 0 || !Files.exists(png)) {
      throw new IllegalStateException(
          "Chromium exited with " + chromium.exitValue() + " and no screenshot; see " + log);
    }
  }

  private static String binary() {
    String named = System.getenv("CALISERA_CHROMIUM");
    if (named != null && !named.isBlank()) {
      return named;
    }
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No Chromium: install Debian's chromium (apt-get install chromium; .ci/run does) or set"
            + " CALISERA_CHROMIUM");
  }
}

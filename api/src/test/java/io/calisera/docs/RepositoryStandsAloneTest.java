package io.calisera.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone of the repository explains itself: no file sends its reader to a file the clone does not
 * contain, and no Markdown file sends its reader to another site. Checked over every file git
 * tracks or would add (tracked, or new and not ignored), so a broken reference fails the build
 * before it is committed.
 *
 * <ul>
 *   <li>Markdown links and reference definitions must point to a file or folder inside the
 *       repository, and an anchor to a heading of the Markdown file it names.
 *   <li>Markdown files may name web addresses of the platform running locally only ({@code
 *       localhost}, {@code 127.0.0.1}): any other site would send the reader outside.
 *   <li>No text file names the folder beside the repository that a clone does not have.
 *   <li>Every Markdown file a text file names (a comment's {@code docs/stack.md}) exists: relative
 *       to the file, to the repository's root, or, for a bare name, anywhere in it.
 * </ul>
 *
 * <p>It lives in {@code api} because that module builds early, starts nothing and runs in every
 * build of a service with {@code -am}; it reads the whole repository, not the module.
 */
class RepositoryStandsAloneTest {

  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)https?://[^\\s)>\\]`'\"]+");
  private static final Pattern OWN_ADDRESS =
      Pattern.compile("(?i)https?://(localhost|127\\.0\\.0\\.1)([:/?#].*)?");
  private static final Pattern MARKDOWN_NAME = Pattern.compile("[\\w./-]*[\\w-]\\.md\\b");
  private static final Pattern SHARED_FOLDER = Pattern.compile("\\.\\./shared\\b");

  @Test
  void noFileSendsItsReaderOutsideTheRepository() throws IOException, InterruptedException {
    Path root = repositoryRoot();
    List<Path> files = filesOf(root);
    assertThat(files).as("files of the repository").contains(root.resolve("README.md"));
    // this file's samples name files that exist only in the samples
    files.remove(root.resolve("api/src/test/java/io/calisera/docs/RepositoryStandsAloneTest.java"));
    assertThat(problems(root, files)).isEmpty();
  }

  @Test
  void aLinkToAMissingFileOrLeavingTheRepositoryIsReported(@TempDir Path root) throws IOException {
    write(root, "docs/guide.md", "# Guide\n\n## Rule 1: windows\n");
    Path readme =
        write(
            root,
            "README.md",
            """
            See [the guide](docs/guide.md), [rule 1](docs/guide.md#rule-1-windows),
            [the hub](docs/hub.md), [rule 9](docs/guide.md#rule-9), [up](../other/x.md),
            and [the wiki][wiki].

            [wiki]: ../wiki/Home.md
            ```
            [not a link](nowhere.md) inside code
            ```
            """);

    assertThat(problems(root, List.of(readme, root.resolve("docs/guide.md"))))
        .containsExactly(
            "README.md:2: link to docs/hub.md, which does not exist",
            "README.md:2: link to docs/guide.md#rule-9, a heading docs/guide.md does not have",
            "README.md:2: link to ../other/x.md, outside the repository",
            "README.md:5: link to ../wiki/Home.md, outside the repository");
  }

  @Test
  void anotherSiteIsReportedButThePlatformRunningLocallyIsNot(@TempDir Path root)
      throws IOException {
    Path readme =
        write(
            root,
            "README.md",
            """
            Open `http://localhost:8080/swagger-ui.html` or <https://example.org/docs>,
            [the spec](https://spec.example.com/api), then [mail](mailto:someone@example.org).
            """);

    assertThat(problems(root, List.of(readme)))
        .containsExactly(
            "README.md:1: web address https://example.org/docs, another site",
            "README.md:2: link to mailto:someone@example.org, outside the repository",
            "README.md:2: web address https://spec.example.com/api, another site");
  }

  @Test
  void aCommentNamingAMissingMarkdownFileOrTheFolderBesideIsReported(@TempDir Path root)
      throws IOException {
    write(root, "docs/stack.md", "# Stack\n");
    write(root, "api/README.md", "# api\n");
    Path source =
        write(
            root,
            "api/src/Wiring.java",
            """
            /** As docs/stack.md says (stack.md, setting 2); see README.md and the contract. */
            /** Rules of api-contract.md, in %s/api-contract.md. */
            class Wiring {}
            """
                .formatted(".." + "/shared"));

    List<Path> files =
        List.of(source, root.resolve("docs/stack.md"), root.resolve("api/README.md"));

    assertThat(problems(root, files))
        .containsExactly(
            "api/src/Wiring.java:2: names the folder beside the repository, which a clone does"
                + " not have",
            "api/src/Wiring.java:2: names api-contract.md, which the repository does not have",
            "api/src/Wiring.java:2: names "
                + ".."
                + "/shared/api-contract.md, which the repository does not have");
  }

  /** Every reference in {@code files} that fails, as "path:line: what". */
  private static List<String> problems(Path root, List<Path> files) throws IOException {
    Set<String> markdownNames = new HashSet<>();
    for (Path file : files) {
      if (isMarkdown(file)) {
        markdownNames.add(file.getFileName().toString());
      }
    }
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String text = text(file);
      if (text == null) {
        continue; // not text
      }
      String where = root.relativize(file).toString().replace('\\', '/');
      String[] lines = text.split("\n", -1);
      boolean inCode = false;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        String at = where + ":" + (i + 1) + ": ";
        // what names files in prose: in Markdown outside code blocks and link targets (checked as
        // links), everywhere in other files
        String mentions = line;
        if (isMarkdown(file)) {
          if (FENCE.matcher(line).find()) {
            inCode = !inCode;
            mentions = "";
          } else if (inCode) {
            mentions = "";
          } else {
            for (String target : linkTargets(line)) {
              String problem = linkProblem(root, file, target);
              if (problem != null) {
                problems.add(at + "link to " + target + ", " + problem);
              }
            }
            mentions =
                REFERENCE_DEFINITION.matcher(line).matches()
                    ? ""
                    : line.replaceAll("\\]\\([^)]*\\)", "]");
          }
          Matcher web = WEB_ADDRESS.matcher(line);
          while (web.find()) {
            if (!OWN_ADDRESS.matcher(web.group()).matches()) {
              problems.add(at + "web address " + web.group() + ", another site");
            }
          }
        }
        if (SHARED_FOLDER.matcher(line).find()) {
          problems.add(at + "names the folder beside the repository, which a clone does not have");
        }
        Matcher named = MARKDOWN_NAME.matcher(mentions);
        while (named.find()) {
          String name = named.group();
          boolean partOfWebAddress =
              name.startsWith("//")
                  || named.start() > 0 && mentions.charAt(named.start() - 1) == ':';
          if (!partOfWebAddress && !namesAFile(root, file, name, markdownNames)) {
            problems.add(at + "names " + name + ", which the repository does not have");
          }
        }
      }
    }
    return problems;
  }

  private static List<String> linkTargets(String line) {
    String prose = CODE_SPAN.matcher(line).replaceAll("");
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(prose);
    while (link.find()) {
      targets.add(link.group(1));
    }
    Matcher definition = REFERENCE_DEFINITION.matcher(prose);
    if (definition.matches()) {
      targets.add(definition.group(1));
    }
    return targets;
  }

  /**
   * Why the link fails, or null when it leads to a file, folder or heading of the repository. Web
   * addresses are left to the check of every web address in the file.
   */
  private static String linkProblem(Path root, Path from, String target) throws IOException {
    if (SCHEME.matcher(target).find()) {
      return WEB_ADDRESS.matcher(target).lookingAt() ? null : "outside the repository";
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    int query = path.indexOf('?');
    path = URLDecoder.decode(query < 0 ? path : path.substring(0, query), StandardCharsets.UTF_8);
    if (path.startsWith("/")) {
      return "outside the repository";
    }
    Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "which does not exist";
    }
    if (anchor != null && isMarkdown(resolved) && !headingAnchors(resolved).contains(anchor)) {
      return "a heading " + (path.isEmpty() ? "this file" : path) + " does not have";
    }
    return null;
  }

  /** The anchors GitHub gives a Markdown file's headings. */
  private static Set<String> headingAnchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : text(markdown).split("\n")) {
      if (FENCE.matcher(line).find()) {
        inCode = !inCode;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!inCode && heading.matches()) {
        String slug =
            heading
                .group(1)
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    return anchors;
  }

  private static boolean namesAFile(Path root, Path from, String name, Set<String> markdownNames) {
    if (!name.contains("/")) {
      return markdownNames.contains(name);
    }
    Path fromFile = from.getParent().resolve(name).normalize();
    Path fromRoot = root.resolve(name).normalize();
    return (fromFile.startsWith(root) && Files.isRegularFile(fromFile))
        || (fromRoot.startsWith(root) && Files.isRegularFile(fromRoot));
  }

  private static boolean isMarkdown(Path file) {
    return file.getFileName().toString().endsWith(".md");
  }

  /** The file as text, or null when it is not text (a NUL byte, or not UTF-8). */
  private static String text(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .replace("\r\n", "\n");
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static Path repositoryRoot() throws IOException, InterruptedException {
    return Path.of(git(Path.of("").toAbsolutePath(), "rev-parse", "--show-toplevel").trim())
        .toRealPath();
  }

  /** What a commit would hold: tracked files that still exist, and new ones git does not ignore. */
  private static List<Path> filesOf(Path root) throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    for (String name :
        git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")) {
      Path file = root.resolve(name);
      if (!name.isEmpty() && Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    return files;
  }

  private static String git(Path directory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process git =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
      throw new IllegalStateException(
          "This check reads the repository through git, run in a git checkout: "
              + String.join(" ", command)
              + " answered "
              + output);
    }
    return output;
  }

  private static Path write(Path root, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}

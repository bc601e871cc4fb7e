package org.anserv.runtime.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.anserv.runtime.define.ModuleInspector;

/**
 * Finds module classes: every class named in a {@code META-INF/anserv/modules} resource (one fully qualified name a
 * line, {@code #} comments allowed) on the classpath, and in each jar of a modules directory, which gets its own
 * class loader so modules' private dependencies do not clash.
 */
public final class ModuleDiscovery {

  /** The resource listing a jar's module classes. */
  public static final String INDEX = "META-INF/anserv/modules";

  /**
   * A module class to load.
   *
   * @param className its fully qualified name
   * @param loader the class loader to load it with
   * @param source where it was listed, for messages
   */
  public record Candidate(String className, ClassLoader loader, String source) {

    /**
     * The name the module deploys under, read without initialising its class; the class name when it cannot be
     * loaded (deploying it then reports why).
     */
    public String moduleName() {
      try {
        return ModuleInspector.nameOf(Class.forName(className, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        return className;
      }
    }
  }

  private ModuleDiscovery() {
  }

  /** The modules listed on the classpath of {@code loader}. */
  public static List<Candidate> onClasspath(ClassLoader loader) {
    List<Candidate> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    try {
      for (URL index : Collections.list(loader.getResources(INDEX))) {
        try (InputStream in = index.openStream()) {
          for (String name : read(in)) {
            if (seen.add(name)) {
              found.add(new Candidate(name, loader, index.toString()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + INDEX + " from the classpath", e);
    }
    return found;
  }

  /** The modules listed in each jar of {@code directory}; a missing directory has none. */
  public static List<Candidate> inDirectory(Path directory, ClassLoader parent) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Candidate> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        found.addAll(inJar(jar, parent));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the modules directory " + directory, e);
    }
    return found;
  }

  private static List<Candidate> inJar(Path jar, ClassLoader parent) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var entry = file.getJarEntry(INDEX);
      if (entry == null) {
        return List.of();
      }
      URLClassLoader loader = new URLClassLoader("module:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
          parent);
      try (InputStream in = file.getInputStream(entry)) {
        return read(in).stream().map(name -> new Candidate(name, loader, jar.toString())).toList();
      }
    }
  }

  private static List<String> read(InputStream in) throws IOException {
    List<String> names = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      String name = line.strip();
      int comment = name.indexOf('#');
      if (comment >= 0) {
        name = name.substring(0, comment).strip();
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}

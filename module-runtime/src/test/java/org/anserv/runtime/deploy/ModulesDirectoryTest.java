package org.anserv.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules shipped as jars in the modules directory: compiled here from source into a jar the test classpath does
 * not contain, found through the jar's index, loaded in their own class loader, and answering queries; a jar whose
 * index names a missing class is reported without stopping the others.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModulesDirectoryTest {

  private static final String SOURCE = """
      package com.example.plugin;

      import org.anserv.api.Module;
      import org.anserv.api.Query;

      @Module(name = "from-jar", description = "Deployed from the modules directory")
      public class FromJar {
        @Query
        public String loader() {
          return getClass().getClassLoader().getName();
        }
      }
      """;

  @Test
  void deploysModulesFromJarsInTheirOwnClassLoader(Vertx vertx, @TempDir Path work) throws Exception {
    Path modules = Files.createDirectories(work.resolve("modules.d"));
    jar(compile(work), modules.resolve("plugin.jar"), "com.example.plugin.FromJar\n");
    jar(Files.createDirectories(work.resolve("empty")), modules.resolve("broken.jar"), "com.example.Missing\n");

    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
      LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(work.resolve("log"))
          .withDurability(Durability.PROCESS), vertx, null);
      RuntimeSettings settings = RuntimeSettings.defaults().withMongo(mongo.connectionString());
      ModuleRuntime runtime = await(ModuleRuntime.start(vertx, settings, log, new MissingSql(),
          new SimpleMeterRegistry()));

      List<String> deployed = await(runtime.deployDiscovered(modules.toString()));

      assertThat(deployed).containsExactly("from-jar");
      JsonObject reply = await(vertx.eventBus().<JsonObject>request(Addresses.moduleCall("from-jar"),
          CallRequest.query("loader", java.util.Map.of()))).body();
      assertThat(reply.getString("result")).isEqualTo("module:plugin.jar");
      assertThat(runtime.registry().schema().getJsonArray("failed").getJsonObject(0).getString("name"))
          .isEqualTo("com.example.Missing");
      await(runtime.close());
      await(log.close());
    }
  }

  private static Path compile(Path work) throws IOException {
    Path sources = Files.createDirectories(work.resolve("src/com/example/plugin"));
    Path source = Files.writeString(sources.resolve("FromJar.java"), SOURCE);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        source.toString());
    assertThat(status).as("javac exit status").isZero();
    return classes;
  }

  private static void jar(Path classes, Path jar, String index) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(ModuleDiscovery.INDEX));
      ((OutputStream) out).write(index.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}

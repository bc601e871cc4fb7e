package org.anserv.runtime.define;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Category;
import org.anserv.api.Cron;
import org.anserv.api.Db;
import org.anserv.api.DefinitionException;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Html;
import org.anserv.api.Memoize;
import org.anserv.api.Merge;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Params;
import org.anserv.api.Query;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Scope;
import org.anserv.api.Template;
import org.anserv.api.View;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModuleInspectorTest {

  @Module(description = "Everything right")
  public static class VideoEngagement {
    @EventHandler(types = {"play_video", "edx.video."})
    public void onVideo(Event event, Db db) {
    }

    @Query
    public long total(Db db) {
      return 0;
    }

    @Query(description = "per student")
    @Memoize(30)
    public Future<Long> perStudent(@Param("user") String user, @Param(value = "course", defaultValue = "all")
        String course) {
      return Future.succeededFuture(0L);
    }

    @View(name = "video-heat", category = Category.RESOURCE)
    public Html heat(@Param("video") String video, Params params) {
      return Html.of("");
    }

    @View
    public Template overview() {
      return Template.of("x.hbs", new JsonObject());
    }

    @Cron(every = "5m")
    public void compact(Db db) {
    }
  }

  @Nested
  class AValidModule {

    private final ModuleDefinition module = ModuleInspector.inspect(VideoEngagement.class);

    @Test
    void guessesTheModuleNameFromTheClass() {
      assertThat(module.name()).isEqualTo("video-engagement");
    }

    @Test
    void guessesEndpointNamesFromMethodsInKebabCase() {
      MethodDefinition perStudent = module.endpoint(MethodKind.QUERY, "per-student").orElseThrow();
      assertThat(perStudent.nameGuessed()).isTrue();
      assertThat(module.endpoint(MethodKind.VIEW, "video-heat").orElseThrow().nameGuessed()).isFalse();
    }

    @Test
    void guessesCategoriesFromParametersAndKeepsDeclaredOnes() {
      assertThat(module.endpoint(MethodKind.QUERY, "total").orElseThrow().categoryLabel()).isEqualTo("global");
      MethodDefinition perStudent = module.endpoint(MethodKind.QUERY, "per-student").orElseThrow();
      assertThat(perStudent.categoryLabel()).isEqualTo("student+course");
      assertThat(perStudent.categoryGuessed()).isTrue();
      MethodDefinition heat = module.endpoint(MethodKind.VIEW, "video-heat").orElseThrow();
      assertThat(heat.categoryLabel()).isEqualTo("resource");
      assertThat(heat.categoryGuessed()).isFalse();
    }

    @Test
    void showsGuessesFiltersParametersAndMemoizeInTheSchema() {
      JsonObject schema = module.schema();
      JsonObject perStudent = schema.getJsonArray("queries").stream().map(JsonObject.class::cast)
          .filter(q -> q.getString("name").equals("per-student")).findFirst().orElseThrow();
      assertThat(perStudent.getString("category")).isEqualTo("student+course");
      assertThat(perStudent.getBoolean("categoryGuessed")).isTrue();
      assertThat(perStudent.getBoolean("nameGuessed")).isTrue();
      assertThat(perStudent.getString("description")).isEqualTo("per student");
      assertThat(perStudent.getLong("memoizeSeconds")).isEqualTo(30);
      assertThat(perStudent.getJsonArray("parameters").encode()).isEqualTo(
          "[{\"name\":\"user\",\"type\":\"string\",\"required\":true},"
              + "{\"name\":\"course\",\"type\":\"string\",\"required\":false,\"default\":\"all\"}]");
      JsonObject handler = schema.getJsonArray("handlers").getJsonObject(0);
      assertThat(handler.getJsonObject("filters").encode())
          .isEqualTo("{\"types\":[\"play_video\",\"edx.video.*\"],\"sources\":[],\"courses\":[]}");
      assertThat(schema.getJsonArray("crons").getJsonObject(0).getString("schedule")).isEqualTo("every 5m");
    }
  }

  @Module(name = "Broken_Name")
  public static class ManyMistakes {
    @Query
    public static long staticQuery() {
      return 0;
    }

    @Query
    long packagePrivate() {
      return 0;
    }

    @Query
    public long unknownParameter(StringBuilder builder) {
      return 0;
    }

    @EventHandler(types = {"edx.*.played", " "})
    public void badFilter(@Param("user") String user) {
    }

    @EventHandler
    @Memoize(5)
    public void memoizedHandler(Event event) {
    }

    @Cron(every = "5 minutes")
    public void badInterval() {
    }

    @Cron
    public void noSchedule() {
    }

    @Cron(expression = "61 * * * *")
    public void badExpression() {
    }

    @View
    public String stringView() {
      return "";
    }

    @Query
    public void nothing() {
    }

    @Query
    public long otherDb(ReadOnlyDb other) {
      return 0;
    }

    @Query
    public long eventInQuery(Event event) {
      return 0;
    }

    @Query(name = "same")
    public long first() {
      return 0;
    }

    @Query(name = "same")
    public long second() {
      return 0;
    }

    @Query
    public long wrongParamType(@Param("when") List<String> when) {
      return 0;
    }

    @Query
    public long badDefault(@Param(value = "limit", defaultValue = "ten") int limit) {
      return 0;
    }
  }

  @Nested
  class ABrokenModule {

    @Test
    void reportsEveryProblemAtOnceNamingMethodAndFix() {
      assertThatThrownBy(() -> ModuleInspector.inspect(ManyMistakes.class))
          .isInstanceOfSatisfying(DefinitionException.class, e -> {
            assertThat(e.module()).isEqualTo("Broken_Name");
            assertThat(e.getMessage()).startsWith("Module 'Broken_Name' cannot be deployed: 18 problems.");
            assertThat(e.problems()).containsExactlyInAnyOrder(
                "@Module name \"Broken_Name\" of " + ManyMistakes.class.getName() + " is not valid: use lowercase"
                    + " letters, digits and '-', starting with a letter, at most 63 characters.",
                "@EventHandler method 'ManyMistakes.badFilter(String)' has an event type \"edx.*.played\" with '*'"
                    + " before its end: '*' is only allowed last, as in \"edx.video.*\".",
                "@EventHandler method 'ManyMistakes.badFilter(String)' has an event type \" \" that is blank or has"
                    + " surrounding spaces: remove it or write the type exactly, e.g. \"play_video\" or the prefix"
                    + " \"edx.video.\".",
                "Parameter [String user] in @EventHandler method 'ManyMistakes.badFilter(String)' is annotated"
                    + " @Param, but only @View and @Query methods take request parameters: remove @Param.",
                "@Cron method 'ManyMistakes.badExpression()' has expression = \"61 * * * *\" whose minute field is"
                    + " invalid: 61 is outside 0-59.",
                "@Cron method 'ManyMistakes.badInterval()' has every = \"5 minutes\", which is not an interval:"
                    + " write a number and a unit, ms, s, m, h or d, e.g. \"30s\" or \"5m\".",
                "@Param(\"limit\") in @Query method 'ManyMistakes.badDefault(int)' has default \"ten\", which is"
                    + " not a whole number: fix defaultValue.",
                "Parameter [Event event] in @Query method 'ManyMistakes.eventInQuery(Event)' cannot be injected"
                    + " into @Query methods. Injectable types there: Db, Params, Queries, Sql, FileStore,"
                    + " ReadOnlyDb with @From, and values annotated @Param.",
                "@Memoize on @EventHandler method 'ManyMistakes.memoizedHandler(Event)': memoize applies to views"
                    + " and queries only; remove it.",
                "@Cron method 'ManyMistakes.noSchedule()' must set exactly one of every (e.g. @Cron(every ="
                    + " \"30s\")) and expression (e.g. @Cron(expression = \"*/5 * * * *\")).",
                "@Query method 'ManyMistakes.nothing()' returns void: a query returns a JSON value (JsonObject,"
                    + " JsonArray, String, Number, Boolean, List, Map) or a Future of one.",
                "Parameter [ReadOnlyDb other] in @Query method 'ManyMistakes.otherDb(ReadOnlyDb)' needs to say whose"
                    + " database it reads: annotate it @From(\"module-name\"). For the module's own database declare"
                    + " Db.",
                "@Query method 'ManyMistakes.packagePrivate()' must be public. It will not be registered: declare"
                    + " it public.",
                "@Query method 'ManyMistakes.staticQuery()' must not be static. It will not be registered: remove"
                    + " 'static'.",
                "@View method 'ManyMistakes.stringView()' returns java.lang.String: a view returns Template"
                    + " (rendered with escaping) or Html, or a Future of one.",
                "No resolver for parameter [StringBuilder builder] in @Query method"
                    + " 'ManyMistakes.unknownParameter(StringBuilder)'. Injectable types in @Query methods: Db,"
                    + " Params, Queries, Sql, FileStore, ReadOnlyDb with @From, and values annotated @Param.",
                "@Param(\"when\") in @Query method 'ManyMistakes.wrongParamType(List)' has type List: use String,"
                    + " int, long, double or boolean (or their boxed types).",
                "@Query name \"same\" is used by ManyMistakes.first() and ManyMistakes.second(): give each a"
                    + " distinct name, e.g. @Query(name = \"...\").");
          });
    }
  }

  public static class NoAnnotation {
  }

  @Module
  public static class NoDefaultConstructor {
    public NoDefaultConstructor(String x) {
    }
  }

  @Module
  static class NotPublic {
  }

  @Test
  void refusesAClassWithoutModuleAnnotation() {
    assertThatThrownBy(() -> ModuleInspector.inspect(NoAnnotation.class))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("Module 'no-annotation' cannot be deployed: 1 problem.\n  - Class " + NoAnnotation.class.getName()
            + " is not annotated @Module: add @Module(name = \"no-annotation\", description = \"...\") to it.");
  }

  @Test
  void refusesAClassWithoutPublicNoArgumentConstructor() {
    assertThatThrownBy(() -> ModuleInspector.inspect(NoDefaultConstructor.class))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).containsExactly(
            "Module class " + NoDefaultConstructor.class.getName() + " has no public no-argument constructor: add"
                + " one; handles such as Db are injected into methods, not constructors."));
  }

  @Test
  void refusesANonPublicClass() {
    assertThatThrownBy(() -> ModuleInspector.inspect(NotPublic.class))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).containsExactly(
            "Module class " + NotPublic.class.getName() + " must be a public, concrete, top-level or static nested"
                + " class so the runtime can create it."));
  }

  @Module(name = "badly-sharded", scope = Scope.STUDENT)
  public static class BadlySharded {

    @Query
    public long total() {
      return 0;
    }

    @View
    public Html overview() {
      return Html.of("");
    }

    @Query
    public long byId(@Param("user_id") long userId) {
      return userId;
    }

    @Query(merge = Merge.SUM)
    public long merged() {
      return 0;
    }

    @Query
    public long own(@Param("learner") String learner) {
      return 0;
    }
  }

  @Test
  void refusesAShardedModuleWhoseViewsAndQueriesCannotReachAShard() {
    String where = " of module 'badly-sharded' (scope STUDENT, sharded by key) takes no key, so ";
    assertThatThrownBy(() -> ModuleInspector.inspect(BadlySharded.class))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "@Query method 'BadlySharded.total()'" + where + "no one shard can answer it: take a String student"
                + " parameter holding the username ([user, username, student, learner]), or declare how the"
                + " shards' answers combine, e.g. @Query(merge = Merge.SUM).",
            "@Query method 'BadlySharded.byId(long)'" + where + "no one shard can answer it: take a String student"
                + " parameter holding the username ([user, username, student, learner]), or declare how the"
                + " shards' answers combine, e.g. @Query(merge = Merge.SUM).",
            "@View method 'BadlySharded.overview()'" + where + "no shard can answer it: take a String student"
                + " parameter holding the username ([user, username, student, learner]), or move the view to a"
                + " GLOBAL module that asks this one's queries."));
  }
}

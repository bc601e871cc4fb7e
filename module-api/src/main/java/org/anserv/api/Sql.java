package org.anserv.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Read-only access to the platform's MySQL/MariaDB read-replica (tables as in edx-platform: {@code auth_user},
 * {@code auth_userprofile}, {@code student_courseenrollment}, {@code courseware_studentmodule}, ...). Only
 * {@code SELECT} (and {@code WITH ... SELECT}, {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}) statements run; any
 * other statement fails with a message saying the replica is read-only, and the runtime's connection is itself
 * read-only. When the server has no read-replica configured, every statement fails with a {@link QueryFailure} of
 * status {@code 503} saying how to configure one (a view or query that lets it through answers its caller that).
 *
 * <pre>{@code
 * @Query
 * public Future<List<JsonObject>> enrolled(@Param("course") String course, Sql sql) {
 *   return sql.query("SELECT user_id, mode FROM student_courseenrollment WHERE course_id = ? AND is_active = 1", course);
 * }
 * }</pre>
 */
public interface Sql {

  /**
   * Runs a read statement with {@code ?} placeholders bound to {@code params} in order; each row is an object keyed
   * by column label.
   */
  Future<List<JsonObject>> query(String statement, Object... params);
}

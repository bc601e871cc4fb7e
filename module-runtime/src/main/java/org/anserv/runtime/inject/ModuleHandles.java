package org.anserv.runtime.inject;

import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.FileStore;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;

/** The handles one deployed module may be given; resolvers pick from here at call time. */
public interface ModuleHandles {

  /** The module's own database. */
  Db db();

  /** Another module's database, read-only. */
  ReadOnlyDb readOnly(String module);

  /** An emitter whose events continue the chain of {@code cause} (the event being handled, or {@code null}). */
  Emitter emitter(Event cause);

  /** The client for other modules' queries. */
  Queries queries();

  /** The SQL read-replica. */
  Sql sql();

  /** The module's own file store. */
  FileStore files();
}

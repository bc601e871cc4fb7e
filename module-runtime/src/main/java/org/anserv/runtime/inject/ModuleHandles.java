package org.anserv.runtime.inject;

import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Origin;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;

/** The handles one deployed module may be given; resolvers pick from here at call time. */
public interface ModuleHandles {

  /** The module's own database. */
  Db db();

  /** Another module's database, read-only. */
  ReadOnlyDb readOnly(String module);

  /** An emitter whose events record {@code cause}'s chain plus this module. */
  Emitter emitter(Origin cause);

  /** The client for other modules' queries. */
  Queries queries();

  /** The SQL read-replica. */
  Sql sql();
}

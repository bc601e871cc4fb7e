package org.anserv.api;

/**
 * Read access to a module's MongoDB database. A module gets its own database as {@link Db}, and another module's as
 * a {@code ReadOnlyDb} parameter annotated {@link From}; the read-only handle offers no way to write.
 */
public interface ReadOnlyDb {

  /** The database's name. */
  String name();

  /** A collection of this database, read-only; it need not exist yet (reads then find nothing). */
  ReadOnlyCollection readCollection(String name);
}

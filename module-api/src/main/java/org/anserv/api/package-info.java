/**
 * The anserv module API: everything a module author compiles against.
 *
 * <p>A module is a plain class annotated {@link org.anserv.api.Module} whose methods are annotated
 * {@link org.anserv.api.EventHandler}, {@link org.anserv.api.View}, {@link org.anserv.api.Query} or
 * {@link org.anserv.api.Cron}. Their parameters are injected by declared type: {@link org.anserv.api.Event},
 * {@link org.anserv.api.Db}, {@link org.anserv.api.ReadOnlyDb} with {@link org.anserv.api.From},
 * {@link org.anserv.api.Params}, {@link org.anserv.api.Param}-annotated values, {@link org.anserv.api.Emitter},
 * {@link org.anserv.api.Queries}, {@link org.anserv.api.Sql} and {@link org.anserv.api.FileStore}. Mistakes in a definition are reported at deploy time as a
 * {@link org.anserv.api.DefinitionException}.
 */
package org.anserv.api;

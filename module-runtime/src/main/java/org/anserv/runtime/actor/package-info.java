/** Resolving the anonymised actors of xAPI statements to platform users, through the SQL read-replica. */
package org.anserv.runtime.actor;

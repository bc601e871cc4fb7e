package org.anserv.runtime.invoke;

/**
 * The module was stopped or put in quarantine before this call could run: the call never reached module code, and
 * an event it carried stays in the log for the module's next start.
 */
public final class ModuleStoppedException extends RuntimeException {

  public ModuleStoppedException(String module) {
    super("Module '" + module + "' is stopped or in quarantine; the call did not run. GET /health lists quarantined"
        + " modules and when they restart.", null, false, false);
  }
}

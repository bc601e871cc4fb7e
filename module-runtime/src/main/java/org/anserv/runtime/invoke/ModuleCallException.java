package org.anserv.runtime.invoke;

/** Module code threw or failed its future; the message names the module and the method, the cause is kept. */
public final class ModuleCallException extends RuntimeException {

  ModuleCallException(String module, String signature, Throwable cause) {
    super("Module '" + module + "' failed in " + signature + ": " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}

package org.anserv.runtime.invoke;

/**
 * A call into module code ran longer than the module's timeout. Its caller is answered with this failure; the code
 * itself may run on, since a thread in Java cannot be stopped from outside, which is why the module's next call
 * waits for it and a call that runs far past its timeout puts the module in quarantine.
 */
public final class CallTimeoutException extends RuntimeException {

  CallTimeoutException(String module, String signature, long timeoutMillis) {
    super("Module '" + module + "' did not finish " + signature + " within " + timeoutMillis + " ms (setting"
        + " modules." + module + ".timeout.ms or modules.timeout.ms); the call was failed.", null, false, false);
  }
}

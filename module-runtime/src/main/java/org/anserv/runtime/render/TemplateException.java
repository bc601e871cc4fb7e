package org.anserv.runtime.render;

/** A view's template is missing or broken; the message names module, view, file, line and column. */
public final class TemplateException extends RuntimeException {

  TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}

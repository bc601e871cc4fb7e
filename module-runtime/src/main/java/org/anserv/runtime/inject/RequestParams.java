package org.anserv.runtime.inject;

import java.util.Map;
import java.util.Optional;
import org.anserv.api.Params;

/** The {@link Params} of one view or query call. */
record RequestParams(Map<String, String> asMap) implements Params {

  static Params of(CallContext context) {
    return new RequestParams(context.params());
  }

  @Override
  public Optional<String> get(String name) {
    return Optional.ofNullable(asMap.get(name));
  }
}

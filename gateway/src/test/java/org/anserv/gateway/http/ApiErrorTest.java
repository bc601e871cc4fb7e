package org.anserv.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;

/** What a failed event-bus call means for the HTTP caller. */
class ApiErrorTest {

  private static final ReplyException NO_ONE = new ReplyException(ReplyFailure.NO_HANDLERS, "no handlers");

  @Test
  void noRouterForTheEventLogMeansTheNodeIsStoppingAndTheProducerShouldRetry() {
    ApiError.Failure failure = ApiError.failure(ApiError.EVENT_LOG, NO_ONE);
    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.message()).startsWith("This node is stopping and takes no more events");
  }

  @Test
  void noConsumerForAModuleMeansItIsNotDeployed() {
    ApiError.Failure failure = ApiError.failure("Query 'counts/total'", NO_ONE);
    assertThat(failure.status()).isEqualTo(404);
    assertThat(failure.message()).contains("it is not deployed");
  }
}

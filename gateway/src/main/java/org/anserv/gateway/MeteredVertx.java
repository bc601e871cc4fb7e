package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The Vert.x instance of a node, reporting to the node's Prometheus registry: Vert.x's own series (event bus,
 * HTTP server, worker and virtual-thread pools) and the JVM's (heap, GC, threads, CPU, class loading), besides the
 * {@code anserv_*} series the node registers itself.
 */
public final class MeteredVertx {

  private MeteredVertx() {
  }

  /** A Vert.x instance whose metrics, JVM ones included, go to {@code meters}. */
  public static Vertx create(PrometheusMeterRegistry meters) {
    return builder(meters).with(options()).build();
  }

  /** The options that turn the metrics on, for a builder that adds more (clustering). */
  public static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  /** A builder sending Vert.x's metrics to {@code meters}; give it {@link #options()}. */
  public static VertxBuilder builder(PrometheusMeterRegistry meters) {
    return Vertx.builder().withMetrics(new MicrometerMetricsFactory(meters));
  }
}

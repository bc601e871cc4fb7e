/**
 * The dashboard: server-rendered pages (Handlebars templates in {@code resources/dashboard/}) listing every module's
 * views by category, each in a sandboxed frame with a form for its parameters, a page per module with its handlers,
 * queries to try, crons and statistics, and the modules that failed to deploy. Behaviour and charts come from static
 * scripts under {@code resources/webroot/assets/} (Chart.js vendored in {@code vendor/}), so pages carry a strict
 * Content-Security-Policy. {@link org.anserv.gateway.dashboard.Dashboard} mounts it all.
 */
package org.anserv.gateway.dashboard;

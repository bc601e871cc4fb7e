/**
 * Typed, read-only views of the parts of an edX tracking event that analytics need, returned by
 * {@link org.anserv.api.Event}: {@link org.anserv.api.event.VideoActivity},
 * {@link org.anserv.api.event.ProblemActivity}, {@link org.anserv.api.event.NavigationActivity} and
 * {@link org.anserv.api.event.EnrollmentActivity}, with the event classification
 * {@link org.anserv.api.event.EventFamily} and the usage-key parser {@link org.anserv.api.event.UsageKey}.
 *
 * <p>Every value here is built leniently from whatever the event carries: legacy names ({@code play_video}) and new
 * ones ({@code edx.video.played}) map to one action, numbers arrive as numbers or numeric strings, and a field that is
 * missing or mistyped is an empty {@link java.util.Optional}, never an exception.
 */
package org.anserv.api.event;

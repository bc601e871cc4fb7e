package org.anserv.demo.world;

/**
 * How a learner behaves; never written out, only acted on.
 *
 * @param ability problem-solving ability, standard normal (0 is average)
 * @param diligence from 0.25 to 1: how often they come back and how long they stay
 * @param preferredHour the UTC hour around which their sessions start
 * @param mobile whether they often watch videos in the mobile app
 * @param preferredSpeed the video speed they switch to (1.0 for none)
 * @param agent the browser's user agent
 * @param ip their IP address (from the documentation ranges)
 */
public record Persona(double ability, double diligence, int preferredHour, boolean mobile, double preferredSpeed,
    String agent, String ip) {
}

package org.anserv.demo.activity;

import org.anserv.demo.world.Course;
import org.anserv.demo.world.Learner;

/**
 * Who is acting, where, in which session: what every event of one session shares.
 *
 * @param learner the learner
 * @param course the course
 * @param session the 32-hex session id ({@code ""} in the mobile app, as edX logs it)
 * @param mobile whether the learner is in the mobile app
 */
record Visit(Learner learner, Course course, String session, boolean mobile) {
}

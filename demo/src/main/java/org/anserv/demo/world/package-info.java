/**
 * The static plan of a demo world: course structure, learners with profiles and behaviours, and enrollments, all
 * decided before any day is simulated.
 */
package org.anserv.demo.world;

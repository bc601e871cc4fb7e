package org.anserv.demo.world;

/**
 * A unit with its place in the course, as a learner meets it when working through the course in order.
 *
 * @param index the unit's 0-based position in the whole course
 * @param chapter the section it is in
 * @param sequential the subsection it is in
 * @param vertical the unit itself
 * @param tab its 1-based tab position within the subsection
 */
public record Unit(int index, Chapter chapter, Sequential sequential, Vertical vertical, int tab) {
}

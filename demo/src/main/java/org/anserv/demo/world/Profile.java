package org.anserv.demo.world;

/**
 * What a learner told the platform about themselves ({@code auth_userprofile}). Any field may be {@code null}: edX
 * makes them optional and many learners leave them blank.
 *
 * @param yearOfBirth the year of birth
 * @param gender {@code m}, {@code f} or {@code o}
 * @param levelOfEducation an edX code: {@code p}, {@code m}, {@code b}, {@code a}, {@code hs}, {@code jhs}, {@code el},
 *     {@code none}, {@code other}
 * @param country an ISO 3166-1 alpha-2 code
 */
public record Profile(Integer yearOfBirth, String gender, String levelOfEducation, String country) {
}

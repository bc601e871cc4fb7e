/**
 * Living through the period: sessions in which learners navigate, watch videos and attempt problems, written as edX
 * tracking events, while the state of every block and the true counts are kept.
 */
package org.anserv.demo.activity;

/**
 * The module test kit: run a module on the real runtime and an embedded MongoDB in a plain unit test.
 */
package org.anserv.testkit;

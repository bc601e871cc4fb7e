/**
 * The deterministic demo world: {@link org.anserv.demo.DemoWorld} made from a {@link org.anserv.demo.DemoSpec}, with
 * the command line {@link org.anserv.demo.GenerateMain}. All randomness comes from {@link org.anserv.demo.Dice}.
 */
package org.anserv.demo;

/** The demo world as the xAPI statements event-routing-backends would send for it. */
package org.anserv.demo.xapi;

/** What a demo world is written as besides its events: the LMS tables as SQL, the true figures, and POSTs. */
package org.anserv.demo.output;

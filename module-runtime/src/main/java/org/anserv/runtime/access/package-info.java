/**
 * Who may call which view or query: callers and their roles, the access a method declares, and the policy that
 * decides a call and pins a student's own identity into it.
 */
package org.anserv.runtime.access;

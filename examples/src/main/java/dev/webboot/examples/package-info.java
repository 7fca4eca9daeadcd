/**
 * Examples of embedding webboot as a library, and of a third-party distro plugin.
 */
package dev.webboot.examples;

/** The steps of the boot flow; not a public API. */
package dev.webboot.boot.internal;

/** The steps of the boot flow and the host programs the builders run; not a public API. */
package dev.webboot.boot.internal;

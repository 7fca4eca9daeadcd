/** Implementation of webboot-net; not a public API. */
package dev.webboot.net.internal;

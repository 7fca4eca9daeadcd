/** Implementation of webboot-fetch: transfers, sinks, digests, TLS trust; not API. */
package dev.webboot.fetch.internal;

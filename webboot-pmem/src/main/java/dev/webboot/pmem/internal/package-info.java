/** Implementation of dev.webboot.pmem: not API, may change without notice. */
package dev.webboot.pmem.internal;

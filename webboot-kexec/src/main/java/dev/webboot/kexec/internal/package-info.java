/** Implementation of dev.webboot.kexec: not API, may change without notice. */
package dev.webboot.kexec.internal;

/**
 * Handing over to another kernel: kexec_file_load, memfd, reboot, kernel-image headers and module loading, through JNA.
 */
package dev.webboot.kexec;

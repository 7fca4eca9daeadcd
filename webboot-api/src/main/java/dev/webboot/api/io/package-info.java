/**
 * Reading a whole file into memory with a cap enforced while reading, whatever the file is (a regular file, a pipe,
 * a device, a stream from the network): shared by the modules that read sums, signatures, keyrings, catalogs and
 * boot configuration files.
 */
package dev.webboot.api.io;

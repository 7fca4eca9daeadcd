/** The distro catalog model: plain values, read by webboot-net. */
package dev.webboot.api.catalog;

/**
 * Value types and service-provider interfaces shared by every webboot module: distro plugins, boot plans and the catalog model. Depends on nothing but slf4j.
 */
package dev.webboot.api;

/**
 * Boot planning: what a distribution's own boot configuration says to boot, adapted so that its initramfs finds the
 * live medium webboot provides. {@link dev.webboot.api.plan.DistroPlugin} is the service-provider interface a
 * distribution family implements; {@link dev.webboot.api.plan.BootPlan} is what planning produces.
 */
package dev.webboot.api.plan;

/**
 * Reading packages back: {@link io.rpmkit.read.RpmReader} parses a package file defensively into an
 * {@link io.rpmkit.read.RpmPackage} (typed tag access and record views), {@link io.rpmkit.read.PayloadReader}
 * streams its payload, {@link io.rpmkit.read.RpmPackage#verifyDigests()} rechecks what it states,
 * {@link io.rpmkit.read.PackageSummary} renders it like rpm's queries and
 * {@link io.rpmkit.read.SafeExtractor} unpacks it without writing outside a directory.
 */
package io.rpmkit.read;

/**
 * OpenPGP signing of packages and repository metadata, with no gpg on the machine:
 * {@link io.rpmkit.sign.SigningKey} loads a key exported by {@code gpg --export-secret-keys},
 * {@link io.rpmkit.sign.PackageSigner} makes the header signature, the legacy header-and-payload
 * signature ({@link io.rpmkit.sign.LegacySignature}) and armored detached signatures, and
 * {@link io.rpmkit.sign.PackageSigning} signs an existing package in place. Nothing here knows Maven.
 */
package io.rpmkit.sign;

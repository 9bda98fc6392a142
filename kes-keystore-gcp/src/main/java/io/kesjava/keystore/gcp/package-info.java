/**
 * The Google Cloud Secret Manager key store ({@code keystore.gcp.secretmanager}, {@code
 * docs/keystores/gcp.md}): {@link io.kesjava.keystore.gcp.GcpSecretManagerKeyStore} and its
 * provider, named {@code gcp}.
 */
package io.kesjava.keystore.gcp;

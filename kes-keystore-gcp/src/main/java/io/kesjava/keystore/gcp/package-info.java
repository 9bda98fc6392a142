/**
 * The Google Cloud Secret Manager key store ({@code keystore.gcp.secretmanager}, {@code
 * keystores.md} §11): {@link io.kesjava.keystore.gcp.GcpSecretManagerKeyStore} and its provider,
 * named {@code gcp}.
 */
package io.kesjava.keystore.gcp;

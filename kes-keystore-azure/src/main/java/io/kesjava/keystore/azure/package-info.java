/**
 * The Azure Key Vault key store ({@code keystore.azure.keyvault}, {@code docs/keystores/azure.md}):
 * {@link io.kesjava.keystore.azure.AzureKeyVaultKeyStore} and its provider, named {@code azure}.
 */
package io.kesjava.keystore.azure;

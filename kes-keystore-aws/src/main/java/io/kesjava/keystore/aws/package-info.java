/**
 * The AWS Secrets Manager key store ({@code keystore.aws.secretsmanager}, {@code keystores.md} §9):
 * {@link io.kesjava.keystore.aws.AwsSecretsManagerKeyStore} and its provider, named {@code aws}.
 */
package io.kesjava.keystore.aws;

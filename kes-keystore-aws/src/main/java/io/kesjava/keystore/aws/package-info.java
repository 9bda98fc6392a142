/**
 * The AWS Secrets Manager key store ({@code keystore.aws.secretsmanager}, {@code
 * docs/keystores/aws.md}): {@link io.kesjava.keystore.aws.AwsSecretsManagerKeyStore} and its
 * provider, named {@code aws}.
 */
package io.kesjava.keystore.aws;

/**
 * Plumbing every key-store backend may share, on the JDK alone: the {@link
 * io.kesjava.keystore.common.Redactor} that keeps secrets out of messages, the {@link
 * io.kesjava.keystore.common.Pem} reader for certificates and private keys, the {@link
 * io.kesjava.keystore.common.Settings} a provider reads its config section with, the {@link
 * io.kesjava.keystore.common.Checks} of builder arguments, the backoff and timeout of the
 * SDK-based builders ({@link io.kesjava.keystore.common.SdkStoreBuilder}), the shape of a provider
 * ({@link io.kesjava.keystore.common.BuilderProvider}), the last step of a build ({@link
 * io.kesjava.keystore.common.Stores}) and the text form of stored values ({@link
 * io.kesjava.keystore.common.StoredValues}).
 *
 * <p>Nothing in this package loads OkHttp or Jackson, so the backends that do not speak REST over
 * OkHttp (AWS, GCP, Azure, PostgreSQL) depend on kes-keystore-http without its dependencies.
 *
 * <p>These types are public only so that the backend modules can share one copy. They are not an
 * API for applications and may change between releases without notice.
 */
package io.kesjava.keystore.common;

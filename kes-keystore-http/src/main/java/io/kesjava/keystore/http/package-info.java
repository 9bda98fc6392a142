/**
 * The REST transport of the key-store backends that talk to a vendor's REST API over OkHttp
 * (Fortanix SDKMS, Thales/Gemalto KeySecure, Entrust KeyControl): a vendor is described by a
 * {@link io.kesjava.keystore.http.RestVendor}, its builder extends {@link
 * io.kesjava.keystore.http.RestStoreBuilder}, and its requests go through {@link
 * io.kesjava.keystore.http.RestTransport} with KES's retry rule ({@link
 * io.kesjava.keystore.http.Retry}), the trusted CAs of {@code tls.ca} ({@link
 * io.kesjava.keystore.http.TrustedCas}) and, where the vendor issues them, {@link
 * io.kesjava.keystore.http.SessionTokens} (whose builder extends {@link
 * io.kesjava.keystore.http.SessionStoreBuilder}); see {@code docs/keystores/README.md}.
 *
 * <p>These types are public only so that the backend modules can share one copy. They are not an
 * API for applications and may change between releases without notice; configure a backend through
 * its own builder or its {@code keystore.<name>} config section instead.
 */
package io.kesjava.keystore.http;

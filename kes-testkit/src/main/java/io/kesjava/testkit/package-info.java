/**
 * Test support shared by the modules' tests: the KES test vectors ({@link
 * io.kesjava.testkit.KesVectors}), a clock the test moves by hand ({@link
 * io.kesjava.testkit.MutableClock}), a capture of {@code System.Logger} output ({@link
 * io.kesjava.testkit.LogCapture}) and throw-away certificates ({@link io.kesjava.testkit.TestPki}).
 *
 * <p>For tests only: depend on it in test scope. Nothing here belongs in a production class path.
 */
package io.kesjava.testkit;

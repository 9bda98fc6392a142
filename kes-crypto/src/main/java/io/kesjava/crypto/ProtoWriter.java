package io.kesjava.crypto;

import java.util.Arrays;

/**
 * Writes the protobuf wire format for {@link KeyVersionProto} into a growable buffer that {@link
 * #wipe()} zeroes (it holds key material). Varints are minimal; scalar zero values are omitted, as
 * proto3 encoders do.
 */
final class ProtoWriter {

  private byte[] buf = new byte[64];
  private int len;

  void varintField(int field, long value) {
    if (value != 0) { // proto3 default omitted
      varint((long) field << 3 | ProtoReader.VARINT);
      varint(value);
    }
  }

  void bytesField(int field, byte[] value) {
    varint((long) field << 3 | ProtoReader.LEN);
    varint(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buf, len, value.length);
    len += value.length;
  }

  void messageField(int field, ProtoWriter message) {
    varint((long) field << 3 | ProtoReader.LEN);
    varint(message.len);
    ensure(message.len);
    System.arraycopy(message.buf, 0, buf, len, message.len);
    len += message.len;
  }

  private void varint(long v) {
    while ((v & ~0x7fL) != 0) {
      put((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    put((int) v);
  }

  private void put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      Arrays.fill(buf, (byte) 0);
      buf = bigger;
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  void wipe() {
    Arrays.fill(buf, (byte) 0);
  }
}

package io.kesjava.crypto;

import java.util.Arrays;

/**
 * Reads the protobuf wire format for {@link KeyVersionProto}: varints, tags, length-delimited values,
 * and skipping of unknown fields. Every overrun or malformed value is an {@link
 * InvalidKeyVersionException}, never an index exception.
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int SGROUP = 3;
  static final int EGROUP = 4;
  static final int I32 = 5;
  private static final int MAX_GROUP_DEPTH = 64;

  private final byte[] in;
  private int pos;
  private int field;
  private int wire;

  ProtoReader(byte[] in) {
    this.in = in;
  }

  /** Reads the next tag; false at the end of the input. */
  boolean next() {
    if (pos >= in.length) {
      return false;
    }
    long tag = tag();
    field = (int) (tag >>> 3);
    wire = (int) (tag & 7);
    return true;
  }

  /** The field number of the tag {@link #next()} read. */
  int field() {
    return field;
  }

  /** The wire type of the tag {@link #next()} read. */
  int wire() {
    return wire;
  }

  /** Skips the value of the field whose tag {@link #next()} read. */
  void skip() {
    skip(field, wire, 0);
  }

  /** Reads a varint of up to 64 bits. */
  long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= in.length) {
        throw InvalidKeyVersionException.invalid("truncated varint");
      }
      int b = in[pos++] & 0xff;
      if (shift == 63 && b > 1) {
        throw InvalidKeyVersionException.invalid("varint overflows 64 bits");
      }
      v |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return v;
      }
    }
    throw InvalidKeyVersionException.invalid("varint overflows 64 bits");
  }

  /** Reads a tag, {@code field << 3 | wireType}, rejecting field numbers outside 1 .. 2^29-1. */
  private long tag() {
    long tag = varint();
    long field = tag >>> 3;
    if (field < 1 || field > 0x1fff_ffffL) {
      throw InvalidKeyVersionException.invalid("invalid field number");
    }
    return tag;
  }

  /** Reads a length-delimited value (wire type LEN) after its tag. */
  byte[] lengthDelimited() {
    int length = lengthPrefix();
    byte[] out = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return out;
  }

  private int lengthPrefix() {
    long length = varint();
    if (length < 0 || length > in.length - pos) {
      throw InvalidKeyVersionException.invalid("truncated field");
    }
    return (int) length;
  }

  private void skip(int field, int wire, int depth) {
    switch (wire) {
      case VARINT:
        varint();
        return;
      case I64:
        advance(8);
        return;
      case I32:
        advance(4);
        return;
      case LEN:
        advance(lengthPrefix());
        return;
      case SGROUP:
        if (depth >= MAX_GROUP_DEPTH) {
          throw InvalidKeyVersionException.invalid("groups nested too deeply");
        }
        while (true) {
          if (pos >= in.length) {
            throw InvalidKeyVersionException.invalid("unterminated group");
          }
          long tag = tag();
          int innerField = (int) (tag >>> 3);
          int innerWire = (int) (tag & 7);
          if (innerWire == EGROUP) {
            if (innerField != field) {
              throw InvalidKeyVersionException.invalid("mismatched end of group");
            }
            return;
          }
          skip(innerField, innerWire, depth + 1);
        }
      default:
        throw InvalidKeyVersionException.invalid("invalid wire type " + wire);
    }
  }

  private void advance(int n) {
    if (in.length - pos < n) {
      throw InvalidKeyVersionException.invalid("truncated field");
    }
    pos += n;
  }
}

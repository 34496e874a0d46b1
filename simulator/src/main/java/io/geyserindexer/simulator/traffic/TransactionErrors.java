package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.solana.TransactionError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bincode (legacy v1 layout: little-endian, u32 enum tags) of Solana's TransactionError, the bytes
 * real servers put into {@code TransactionError.err}.
 */
public final class TransactionErrors {

  /** TransactionError::InstructionError(u8, InstructionError). */
  static final int INSTRUCTION_ERROR = 8;

  /** InstructionError::Custom(u32). */
  static final int CUSTOM = 25;

  /** InstructionError::InvalidAccountData. */
  static final int INVALID_ACCOUNT_DATA = 3;

  /** InstructionError::InsufficientFunds. */
  static final int INSUFFICIENT_FUNDS = 5;

  private TransactionErrors() {}

  /** InstructionError(instruction, Custom(code)), e.g. 08000000 00 19000000 01000000. */
  public static TransactionError custom(int instruction, int code) {
    ByteBuffer buffer = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(INSTRUCTION_ERROR).put((byte) instruction).putInt(CUSTOM).putInt(code);
    return of(buffer);
  }

  /** InstructionError(instruction, unit variant), e.g. InvalidAccountData. */
  public static TransactionError instruction(int instruction, int unitVariant) {
    ByteBuffer buffer = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(INSTRUCTION_ERROR).put((byte) instruction).putInt(unitVariant);
    return of(buffer);
  }

  private static TransactionError of(ByteBuffer buffer) {
    return TransactionError.newBuilder().setErr(ByteString.copyFrom(buffer.array())).build();
  }
}

package io.geyserindexer.ingestor.parse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders the bincode bytes of Solana's {@code TransactionError} (legacy v1 layout: little-endian,
 * u32 enum tags) as the text Solana tools print, e.g. {@code InstructionError(0, Custom(1))}.
 *
 * <p>Best effort by design: the bytes themselves are always kept in the event, so an unknown tag or
 * a layout this class does not know gives an empty description rather than a failure. The tag
 * tables follow the declaration order of the enums in the Solana SDK; new variants are appended
 * there, so older tags never change meaning.
 */
public final class TransactionErrorDescriber {

  private static final List<String> TRANSACTION_ERRORS =
      List.of(
          "AccountInUse",
          "AccountLoadedTwice",
          "AccountNotFound",
          "ProgramAccountNotFound",
          "InsufficientFundsForFee",
          "InvalidAccountForFee",
          "AlreadyProcessed",
          "BlockhashNotFound",
          "InstructionError",
          "CallChainTooDeep",
          "MissingSignatureForFee",
          "InvalidAccountIndex",
          "SignatureFailure",
          "InvalidProgramForExecution",
          "SanitizeFailure",
          "ClusterMaintenance",
          "AccountBorrowOutstanding",
          "WouldExceedMaxBlockCostLimit",
          "UnsupportedVersion",
          "InvalidWritableAccount",
          "WouldExceedMaxAccountCostLimit",
          "WouldExceedAccountDataBlockLimit",
          "TooManyAccountLocks",
          "AddressLookupTableNotFound",
          "InvalidAddressLookupTableOwner",
          "InvalidAddressLookupTableData",
          "InvalidAddressLookupTableIndex",
          "InvalidRentPayingAccount",
          "WouldExceedMaxVoteCostLimit",
          "WouldExceedAccountDataTotalLimit",
          "DuplicateInstruction",
          "InsufficientFundsForRent",
          "MaxLoadedAccountsDataSizeExceeded",
          "InvalidLoadedAccountsDataSizeLimit",
          "ResanitizationNeeded",
          "ProgramExecutionTemporarilyRestricted",
          "UnbalancedTransaction",
          "ProgramCacheHitMaxLimit",
          "CommitCancelled");

  private static final List<String> INSTRUCTION_ERRORS =
      List.of(
          "GenericError",
          "InvalidArgument",
          "InvalidInstructionData",
          "InvalidAccountData",
          "AccountDataTooSmall",
          "InsufficientFunds",
          "IncorrectProgramId",
          "MissingRequiredSignature",
          "AccountAlreadyInitialized",
          "UninitializedAccount",
          "UnbalancedInstruction",
          "ModifiedProgramId",
          "ExternalAccountLamportSpend",
          "ExternalAccountDataModified",
          "ReadonlyLamportChange",
          "ReadonlyDataModified",
          "DuplicateAccountIndex",
          "ExecutableModified",
          "RentEpochModified",
          "NotEnoughAccountKeys",
          "AccountDataSizeChanged",
          "AccountNotExecutable",
          "AccountBorrowFailed",
          "AccountBorrowOutstanding",
          "DuplicateAccountOutOfSync",
          "Custom",
          "InvalidError",
          "ExecutableDataModified",
          "ExecutableLamportChange",
          "ExecutableAccountNotRentExempt",
          "UnsupportedProgramId",
          "CallDepth",
          "MissingAccount",
          "ReentrancyNotAllowed",
          "MaxSeedLengthExceeded",
          "InvalidSeeds",
          "InvalidRealloc",
          "ComputationalBudgetExceeded",
          "PrivilegeEscalation",
          "ProgramEnvironmentSetupFailure",
          "ProgramFailedToComplete",
          "ProgramFailedToCompile",
          "Immutable",
          "IncorrectAuthority",
          "BorshIoError",
          "AccountNotRentExempt",
          "InvalidAccountOwner",
          "ArithmeticOverflow",
          "UnsupportedSysvar",
          "IllegalOwner",
          "MaxAccountsDataAllocationsExceeded",
          "MaxAccountsExceeded",
          "MaxInstructionTraceLengthExceeded",
          "BuiltinProgramsMustConsumeComputeUnits");

  private static final int INSTRUCTION_ERROR = 8;
  private static final int DUPLICATE_INSTRUCTION = 30;
  private static final int INSUFFICIENT_FUNDS_FOR_RENT = 31;
  private static final int PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED = 35;
  private static final int CUSTOM = 25;
  private static final int BORSH_IO_ERROR = 44;

  private TransactionErrorDescriber() {}

  /** The readable form, or an empty string when the bytes are not a layout this class knows. */
  public static String describe(byte[] bincode) {
    ByteBuffer in = ByteBuffer.wrap(bincode).order(ByteOrder.LITTLE_ENDIAN);
    try {
      String text = transactionError(in);
      return in.hasRemaining() ? "" : text;
    } catch (RuntimeException e) {
      // BufferUnderflowException, an unknown tag, a bad length: not a layout we know.
      return "";
    }
  }

  private static String transactionError(ByteBuffer in) {
    int tag = in.getInt();
    String name = TRANSACTION_ERRORS.get(tag);
    return switch (tag) {
      case INSTRUCTION_ERROR -> name + "(" + u8(in) + ", " + instructionError(in) + ")";
      case DUPLICATE_INSTRUCTION -> name + "(" + u8(in) + ")";
      case INSUFFICIENT_FUNDS_FOR_RENT, PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED ->
          name + " { account_index: " + u8(in) + " }";
      default -> name;
    };
  }

  private static String instructionError(ByteBuffer in) {
    int tag = in.getInt();
    String name = INSTRUCTION_ERRORS.get(tag);
    if (tag == CUSTOM) {
      return name + "(" + Integer.toUnsignedString(in.getInt()) + ")";
    }
    if (tag == BORSH_IO_ERROR && in.hasRemaining()) {
      // Older SDKs carried a message string here (u64 length + UTF-8); newer ones a unit variant.
      long length = in.getLong();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalArgumentException("bad string length " + length);
      }
      byte[] text = new byte[(int) length];
      in.get(text);
      return name + "(\"" + new String(text, StandardCharsets.UTF_8) + "\")";
    }
    return name;
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xFF;
  }
}

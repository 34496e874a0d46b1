package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.InnerInstruction;
import io.geyserindexer.proto.events.InnerInstructions;
import io.geyserindexer.proto.events.Instruction;
import io.geyserindexer.proto.events.TransactionEvent;
import java.util.List;

/**
 * {@code transactions}: one row per (signature, slot), never changed once written (the same key
 * always carries the same transaction). Per-row arrays and JSON travel as text elements of flat
 * arrays and are cast back in SQL, so the whole poll is still one statement.
 */
final class TransactionsTable implements EventTable {

  private static final String SQL =
      """
      INSERT INTO transactions (signature, slot, tx_index, is_vote, success, err, err_description,
        fee, compute_units_consumed, cost_units, signatures, versioned, recent_blockhash,
        num_required_signatures, num_readonly_signed_accounts, num_readonly_unsigned_accounts,
        account_keys, loaded_writable_count, loaded_readonly_count, instructions,
        inner_instructions, log_messages, pre_balances, post_balances, return_data_program_id,
        return_data, rewards)
      SELECT u.signature, u.slot, u.tx_index, u.is_vote, u.err IS NULL, u.err, u.err_description,
        u.fee::numeric, u.cu::numeric, u.cost::numeric, u.signatures::text[], u.versioned,
        u.recent_blockhash, u.nrs, u.nros, u.nrou, u.account_keys::text[], u.lw, u.lr,
        u.instructions::jsonb, u.inner_instructions::jsonb, u.log_messages::text[],
        u.pre_balances::numeric[], u.post_balances::numeric[], u.rd_program, u.rd_data,
        u.rewards::jsonb
      FROM (SELECT unnest(?::text[]) AS signature, unnest(?::bigint[]) AS slot,
              unnest(?::bigint[]) AS tx_index, unnest(?::boolean[]) AS is_vote,
              unnest(?::bytea[]) AS err, unnest(?::text[]) AS err_description,
              unnest(?::text[]) AS fee, unnest(?::text[]) AS cu, unnest(?::text[]) AS cost,
              unnest(?::text[]) AS signatures, unnest(?::boolean[]) AS versioned,
              unnest(?::text[]) AS recent_blockhash, unnest(?::integer[]) AS nrs,
              unnest(?::integer[]) AS nros, unnest(?::integer[]) AS nrou,
              unnest(?::text[]) AS account_keys, unnest(?::integer[]) AS lw,
              unnest(?::integer[]) AS lr, unnest(?::text[]) AS instructions,
              unnest(?::text[]) AS inner_instructions, unnest(?::text[]) AS log_messages,
              unnest(?::text[]) AS pre_balances, unnest(?::text[]) AS post_balances,
              unnest(?::text[]) AS rd_program, unnest(?::bytea[]) AS rd_data,
              unnest(?::text[]) AS rewards) AS u
      ON CONFLICT (signature, slot) DO NOTHING
      """;

  @Override
  public String name() {
    return "transactions";
  }

  @Override
  public Rows rows(EventBatch batch) {
    List<TransactionEvent> rows = List.copyOf(batch.transactions());
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    String[] signature = new String[n];
    Long[] slot = new Long[n];
    Long[] index = new Long[n];
    Boolean[] vote = new Boolean[n];
    byte[][] err = new byte[n][];
    String[] errDescription = new String[n];
    String[] fee = new String[n];
    String[] computeUnits = new String[n];
    String[] costUnits = new String[n];
    String[] signatures = new String[n];
    Boolean[] versioned = new Boolean[n];
    String[] recentBlockhash = new String[n];
    Integer[] requiredSignatures = new Integer[n];
    Integer[] readonlySigned = new Integer[n];
    Integer[] readonlyUnsigned = new Integer[n];
    String[] accountKeys = new String[n];
    Integer[] loadedWritable = new Integer[n];
    Integer[] loadedReadonly = new Integer[n];
    String[] instructions = new String[n];
    String[] innerInstructions = new String[n];
    String[] logMessages = new String[n];
    String[] preBalances = new String[n];
    String[] postBalances = new String[n];
    String[] returnProgram = new String[n];
    byte[][] returnData = new byte[n][];
    String[] rewards = new String[n];
    for (int i = 0; i < n; i++) {
      TransactionEvent tx = rows.get(i);
      signature[i] = NulEscape.encode(tx.getSignature());
      slot[i] = tx.getSlot();
      index[i] = tx.getIndex();
      vote[i] = tx.getIsVote();
      err[i] = tx.hasErr() ? tx.getErr().getBincode().toByteArray() : null;
      errDescription[i] = tx.hasErr() ? NulEscape.encode(tx.getErr().getDescription()) : null;
      fee[i] = EventTable.unsigned(tx.getFee());
      computeUnits[i] =
          tx.hasComputeUnitsConsumed() ? EventTable.unsigned(tx.getComputeUnitsConsumed()) : null;
      costUnits[i] = tx.hasCostUnits() ? EventTable.unsigned(tx.getCostUnits()) : null;
      signatures[i] = SqlLiterals.textArray(tx.getSignaturesList());
      versioned[i] = tx.getVersioned();
      recentBlockhash[i] = NulEscape.encode(tx.getRecentBlockhash());
      requiredSignatures[i] = tx.getNumRequiredSignatures();
      readonlySigned[i] = tx.getNumReadonlySignedAccounts();
      readonlyUnsigned[i] = tx.getNumReadonlyUnsignedAccounts();
      accountKeys[i] = SqlLiterals.textArray(tx.getAccountKeysList());
      loadedWritable[i] = tx.getLoadedWritableCount();
      loadedReadonly[i] = tx.getLoadedReadonlyCount();
      instructions[i] = instructionsJson(tx.getInstructionsList());
      innerInstructions[i] =
          tx.getInnerInstructionsNone() ? null : innerJson(tx.getInnerInstructionsList());
      logMessages[i] =
          tx.getLogMessagesNone() ? null : SqlLiterals.textArray(tx.getLogMessagesList());
      preBalances[i] = SqlLiterals.unsignedArray(tx.getPreBalancesList());
      postBalances[i] = SqlLiterals.unsignedArray(tx.getPostBalancesList());
      returnProgram[i] =
          tx.hasReturnData() ? NulEscape.encode(tx.getReturnData().getProgramId()) : null;
      returnData[i] = tx.hasReturnData() ? tx.getReturnData().getData().toByteArray() : null;
      rewards[i] = BlocksTable.rewardsJson(tx.getRewardsList());
    }
    return new Rows(
        SQL,
        List.of(
            signature,
            slot,
            index,
            vote,
            err,
            errDescription,
            fee,
            computeUnits,
            costUnits,
            signatures,
            versioned,
            recentBlockhash,
            requiredSignatures,
            readonlySigned,
            readonlyUnsigned,
            accountKeys,
            loadedWritable,
            loadedReadonly,
            instructions,
            innerInstructions,
            logMessages,
            preBalances,
            postBalances,
            returnProgram,
            returnData,
            rewards));
  }

  static String instructionsJson(List<Instruction> instructions) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < instructions.size(); i++) {
      Instruction ix = instructions.get(i);
      out.append(i == 0 ? "{" : ",{");
      out.append("\"program_id_index\":").append(Integer.toUnsignedString(ix.getProgramIdIndex()));
      out.append(",\"accounts\":");
      SqlLiterals.jsonByteArray(out, ix.getAccounts().toByteArray());
      out.append(",\"data\":");
      SqlLiterals.jsonBase64(out, ix.getData().toByteArray()).append('}');
    }
    return out.append(']').toString();
  }

  static String innerJson(List<InnerInstructions> groups) {
    StringBuilder out = new StringBuilder("[");
    for (int g = 0; g < groups.size(); g++) {
      InnerInstructions group = groups.get(g);
      out.append(g == 0 ? "{" : ",{").append("\"index\":");
      out.append(Integer.toUnsignedString(group.getIndex())).append(",\"instructions\":[");
      for (int i = 0; i < group.getInstructionsCount(); i++) {
        InnerInstruction ix = group.getInstructions(i);
        out.append(i == 0 ? "{" : ",{");
        out.append("\"program_id_index\":")
            .append(Integer.toUnsignedString(ix.getProgramIdIndex()));
        out.append(",\"accounts\":");
        SqlLiterals.jsonByteArray(out, ix.getAccounts().toByteArray());
        out.append(",\"data\":");
        SqlLiterals.jsonBase64(out, ix.getData().toByteArray());
        out.append(",\"stack_height\":");
        out.append(ix.hasStackHeight() ? Integer.toUnsignedString(ix.getStackHeight()) : "null");
        out.append('}');
      }
      out.append("]}");
    }
    return out.append(']').toString();
  }
}

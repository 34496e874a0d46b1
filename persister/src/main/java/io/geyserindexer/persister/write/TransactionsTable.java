package io.geyserindexer.persister.write;

import io.geyserindexer.proto.events.InnerInstruction;
import io.geyserindexer.proto.events.InnerInstructions;
import io.geyserindexer.proto.events.Instruction;
import io.geyserindexer.proto.events.TransactionEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
      FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::boolean[], ?::bytea[], ?::text[],
                  ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                  ?::integer[], ?::integer[], ?::integer[], ?::text[], ?::integer[], ?::integer[],
                  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[],
                  ?::text[])
        AS u(signature, slot, tx_index, is_vote, err, err_description, fee, cu, cost, signatures,
             versioned, recent_blockhash, nrs, nros, nrou, account_keys, lw, lr, instructions,
             inner_instructions, log_messages, pre_balances, post_balances, rd_program, rd_data,
             rewards)
      ON CONFLICT (signature, slot) DO NOTHING
      """;

  @Override
  public String name() {
    return "transactions";
  }

  @Override
  public int write(Connection connection, EventBatch batch) throws SQLException {
    List<TransactionEvent> rows = List.copyOf(batch.transactions());
    if (rows.isEmpty()) {
      return 0;
    }
    int n = rows.size();
    Object[][] columns = new Object[26][];
    String[] types = {
      "text", "int8", "int8", "bool", "bytea", "text", "text", "text", "text", "text", "bool",
      "text", "int4", "int4", "int4", "text", "int4", "int4", "text", "text", "text", "text",
      "text", "text", "bytea", "text"
    };
    for (int c = 0; c < columns.length; c++) {
      columns[c] = "bytea".equals(types[c]) ? new byte[n][] : new Object[n];
    }
    for (int i = 0; i < n; i++) {
      TransactionEvent tx = rows.get(i);
      columns[0][i] = NulEscape.encode(tx.getSignature());
      columns[1][i] = tx.getSlot();
      columns[2][i] = tx.getIndex();
      columns[3][i] = tx.getIsVote();
      columns[4][i] = tx.hasErr() ? tx.getErr().getBincode().toByteArray() : null;
      columns[5][i] = tx.hasErr() ? NulEscape.encode(tx.getErr().getDescription()) : null;
      columns[6][i] = EventTable.unsigned(tx.getFee());
      columns[7][i] =
          tx.hasComputeUnitsConsumed() ? EventTable.unsigned(tx.getComputeUnitsConsumed()) : null;
      columns[8][i] = tx.hasCostUnits() ? EventTable.unsigned(tx.getCostUnits()) : null;
      columns[9][i] = SqlLiterals.textArray(tx.getSignaturesList());
      columns[10][i] = tx.getVersioned();
      columns[11][i] = NulEscape.encode(tx.getRecentBlockhash());
      columns[12][i] = tx.getNumRequiredSignatures();
      columns[13][i] = tx.getNumReadonlySignedAccounts();
      columns[14][i] = tx.getNumReadonlyUnsignedAccounts();
      columns[15][i] = SqlLiterals.textArray(tx.getAccountKeysList());
      columns[16][i] = tx.getLoadedWritableCount();
      columns[17][i] = tx.getLoadedReadonlyCount();
      columns[18][i] = instructionsJson(tx.getInstructionsList());
      columns[19][i] =
          tx.getInnerInstructionsNone() ? null : innerJson(tx.getInnerInstructionsList());
      columns[20][i] =
          tx.getLogMessagesNone() ? null : SqlLiterals.textArray(tx.getLogMessagesList());
      columns[21][i] = SqlLiterals.unsignedArray(tx.getPreBalancesList());
      columns[22][i] = SqlLiterals.unsignedArray(tx.getPostBalancesList());
      columns[23][i] =
          tx.hasReturnData() ? NulEscape.encode(tx.getReturnData().getProgramId()) : null;
      columns[24][i] = tx.hasReturnData() ? tx.getReturnData().getData().toByteArray() : null;
      columns[25][i] = BlocksTable.rewardsJson(tx.getRewardsList());
    }
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      for (int c = 0; c < columns.length; c++) {
        EventTable.bind(statement, c + 1, types[c], columns[c]);
      }
      return statement.executeUpdate();
    }
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

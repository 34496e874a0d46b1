package io.geyserindexer.simulator.traffic;

import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import java.util.List;

/** A transaction and the accounts it wrote (only the fee payer when it failed). */
record GeneratedTransaction(SubscribeUpdateTransactionInfo info, List<AccountTarget> written) {}

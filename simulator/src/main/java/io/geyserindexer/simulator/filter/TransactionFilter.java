package io.geyserindexer.simulator.filter;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import java.util.HashSet;
import java.util.Set;

/**
 * One named transactions (or transactions_status) filter. vote, failed, signature, include, exclude
 * and required all AND; the key lists compare against static plus lookup-loaded keys.
 */
record TransactionFilter(
    Boolean vote,
    Boolean failed,
    ByteString signature,
    Set<ByteString> include,
    Set<ByteString> exclude,
    Set<ByteString> required) {

  static TransactionFilter compile(SubscribeRequestFilterTransactions request)
      throws FilterException {
    return new TransactionFilter(
        request.hasVote() ? request.getVote() : null,
        request.hasFailed() ? request.getFailed() : null,
        request.hasSignature() ? FilterKeys.decode(request.getSignature(), 64) : null,
        FilterKeys.pubkeys(request.getAccountIncludeList()),
        FilterKeys.pubkeys(request.getAccountExcludeList()),
        FilterKeys.pubkeys(request.getAccountRequiredList()));
  }

  boolean matches(SubscribeUpdateTransactionInfo tx) {
    if (vote != null && vote != tx.getIsVote()) {
      return false;
    }
    if (failed != null && failed != tx.getMeta().hasErr()) {
      return false;
    }
    if (signature != null && !signature.equals(tx.getSignature())) {
      return false;
    }
    if (include.isEmpty() && exclude.isEmpty() && required.isEmpty()) {
      return true;
    }
    Set<ByteString> keys =
        new HashSet<>(TransactionKeys.fullKeyList(tx.getTransaction().getMessage(), tx.getMeta()));
    if (!include.isEmpty() && include.stream().noneMatch(keys::contains)) {
      return false;
    }
    if (exclude.stream().anyMatch(keys::contains)) {
      return false;
    }
    return keys.containsAll(required);
  }
}

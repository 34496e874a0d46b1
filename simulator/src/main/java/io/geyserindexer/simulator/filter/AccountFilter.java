package io.geyserindexer.simulator.filter;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilter;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One named accounts filter: account keys OR'ed, owners OR'ed, and the two sets, every data filter
 * and nonempty_txn_signature AND'ed; an empty filter matches every account.
 */
record AccountFilter(
    Set<ByteString> accounts,
    Set<ByteString> owners,
    Boolean nonemptyTxnSignature,
    List<Predicate<SubscribeUpdateAccountInfo>> dataFilters) {

  private static final int MAX_DATA_FILTERS = 4;
  private static final int TOKEN_ACCOUNT_SIZE = 165;

  static AccountFilter compile(SubscribeRequestFilterAccounts request) throws FilterException {
    if (request.getFiltersCount() > MAX_DATA_FILTERS) {
      throw new FilterException(
          "Max amount of filters/data_slices reached, only " + MAX_DATA_FILTERS + " allowed");
    }
    List<Predicate<SubscribeUpdateAccountInfo>> data = new ArrayList<>();
    for (SubscribeRequestFilterAccountsFilter filter : request.getFiltersList()) {
      data.add(dataFilter(filter));
    }
    return new AccountFilter(
        FilterKeys.pubkeys(request.getAccountList()),
        FilterKeys.pubkeys(request.getOwnerList()),
        request.hasNonemptyTxnSignature() ? request.getNonemptyTxnSignature() : null,
        List.copyOf(data));
  }

  boolean matches(SubscribeUpdateAccountInfo account) {
    if (!accounts.isEmpty() && !accounts.contains(account.getPubkey())) {
      return false;
    }
    if (!owners.isEmpty() && !owners.contains(account.getOwner())) {
      return false;
    }
    if (nonemptyTxnSignature != null && nonemptyTxnSignature != account.hasTxnSignature()) {
      return false;
    }
    return dataFilters.stream().allMatch(f -> f.test(account));
  }

  private static Predicate<SubscribeUpdateAccountInfo> dataFilter(
      SubscribeRequestFilterAccountsFilter filter) throws FilterException {
    switch (filter.getFilterCase()) {
      case DATASIZE -> {
        long size = filter.getDatasize();
        return a -> a.getData().size() == size;
      }
      case TOKEN_ACCOUNT_STATE -> {
        if (!filter.getTokenAccountState()) {
          throw new FilterException("token_account_state only allowed to be true");
        }
        // Initialized (1) or frozen (2) SPL token account of the classic layout.
        return a -> a.getData().size() == TOKEN_ACCOUNT_SIZE && a.getData().byteAt(108) != 0;
      }
      case LAMPORTS -> {
        var cmp = filter.getLamports();
        return switch (cmp.getCmpCase()) {
          case EQ -> a -> a.getLamports() == cmp.getEq();
          case NE -> a -> a.getLamports() != cmp.getNe();
          case LT -> a -> Long.compareUnsigned(a.getLamports(), cmp.getLt()) < 0;
          case GT -> a -> Long.compareUnsigned(a.getLamports(), cmp.getGt()) > 0;
          case CMP_NOT_SET -> throw new FilterException("lamports filter requires a cmp");
        };
      }
      case MEMCMP -> {
        var memcmp = filter.getMemcmp();
        ByteString bytes =
            switch (memcmp.getDataCase()) {
              case BYTES -> memcmp.getBytes();
              case BASE58 -> base58(memcmp.getBase58());
              case BASE64 -> base64(memcmp.getBase64());
              case DATA_NOT_SET -> throw new FilterException("memcmp filter requires data");
            };
        if (bytes.size() > 128) {
          throw new FilterException("memcmp data too large, max 128 bytes");
        }
        long offset = memcmp.getOffset();
        return a ->
            offset >= 0
                && offset + bytes.size() <= a.getData().size()
                && a.getData().substring((int) offset, (int) offset + bytes.size()).equals(bytes);
      }
      default -> throw new FilterException("empty account data filter");
    }
  }

  private static ByteString base58(String text) throws FilterException {
    try {
      return ByteString.copyFrom(Base58.decode(text));
    } catch (IllegalArgumentException e) {
      throw new FilterException("invalid memcmp base58: " + e.getMessage());
    }
  }

  private static ByteString base64(String text) throws FilterException {
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new FilterException("invalid memcmp base64: " + e.getMessage());
    }
  }
}

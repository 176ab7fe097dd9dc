package dev.ledger.query.verification;

import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.WalletStatus;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger as the events alone say it is, built by {@link ModelReplay} and read by {@link Invariants} and
 * {@link ReadModelComparison}. One wallet's amounts are {@code long}s like everywhere else (the wallet refuses what
 * would leave that range), but sums over many wallets or many events are exact: a currency's total may pass 2^63 − 1
 * minor units without anything being wrong.
 */
final class LedgerModel {

    final Map<String, Wallet> wallets = new TreeMap<>();
    final Map<String, Hold> holds = new TreeMap<>();
    final Map<String, Escrow> escrows = new TreeMap<>();
    final Map<String, Transfer> transfers = new TreeMap<>();
    final Map<String, Transaction> transactions = new TreeMap<>();
    /** Per escrow, what its seller received. */
    final Map<String, BigInteger> escrowPayments = new HashMap<>();
    final Map<String, Flows> flows = new TreeMap<>();
    long eventsChecked;

    Flows flows(String currency) {
        return flows.computeIfAbsent(currency, c -> new Flows());
    }

    /** Per currency, Σ of the wallets' balances. */
    Map<String, BigInteger> balanceTotals() {
        Map<String, BigInteger> totals = new TreeMap<>();
        wallets.values().forEach(w -> totals.merge(w.currency, BigInteger.valueOf(w.balance), BigInteger::add));
        return totals;
    }

    static final class Wallet {
        final String owner;
        final String currency;
        WalletStatus status = WalletStatus.ACTIVE;
        long balance;
        long held;
        long version;
        boolean overdrawn;
        final Map<Long, Entry> entries = new HashMap<>();

        Wallet(String owner, String currency, long version) {
            this.owner = owner;
            this.currency = currency;
            this.version = version;
        }

        void entry(long sequence, String entryId, EntryType type, Long amount) {
            entries.put(sequence, new Entry(entryId, type, amount, balance, held));
        }

        void status(long sequence, String entryId, EntryType type, WalletStatus next) {
            status = next;
            entry(sequence, entryId, type, null);
        }
    }

    record Entry(String entryId, EntryType type, Long amount, long balanceAfter, long heldAfter) {
    }

    static final class Hold {
        final String walletId;
        final String currency;
        final long amount;
        HoldStatus status = HoldStatus.ACTIVE;
        long captured;
        long version;

        Hold(String walletId, String currency, long amount, long version) {
            this.walletId = walletId;
            this.currency = currency;
            this.amount = amount;
            this.version = version;
        }
    }

    static final class Escrow {
        final String buyerWalletId;
        final String sellerWalletId;
        final String currency;
        final long amount;
        EscrowState state = EscrowState.CREATED;
        String holdId;
        long version;

        Escrow(String buyerWalletId, String sellerWalletId, String currency, long amount, long version) {
            this.buyerWalletId = buyerWalletId;
            this.sellerWalletId = sellerWalletId;
            this.currency = currency;
            this.amount = amount;
            this.version = version;
        }
    }

    static final class Transfer {
        final String from;
        final String to;
        final String currency;
        final long amount;
        TransferStatus status = TransferStatus.PENDING;
        String failureCode;

        Transfer(String from, String to, String currency, long amount) {
            this.from = from;
            this.to = to;
            this.currency = currency;
            this.amount = amount;
        }
    }

    /** A transaction as its own events and its wallets' legs have it, in minor units. */
    static final class Transaction {
        final String currency;
        final long postedDebits;
        final long postedCredits;
        final String reversalOf;
        long bookedDebits;
        long bookedCredits;
        boolean reversed;

        Transaction(String currency, long postedDebits, long postedCredits, String reversalOf) {
            this.currency = currency;
            this.postedDebits = postedDebits;
            this.postedCredits = postedCredits;
            this.reversalOf = reversalOf;
        }
    }

    /** Per currency, what the events moved in and out of the ledger, in minor units, summed exactly. */
    static final class Flows {
        BigInteger deposits = BigInteger.ZERO;
        BigInteger withdrawals = BigInteger.ZERO;
        BigInteger captures = BigInteger.ZERO;
        BigInteger escrowPayments = BigInteger.ZERO;
        BigInteger inFlight = BigInteger.ZERO;
        BigInteger transactionDebits = BigInteger.ZERO;
        BigInteger transactionCredits = BigInteger.ZERO;

        /**
         * Money enters by deposit (and by escrow payment, which the buyer's hold capture took out), leaves by
         * withdrawal and hold capture; a transfer moves it between wallets, in flight between its two events; a
         * transaction's legs take out what they put in (checked on their own, see {@code Invariants}).
         */
        BigInteger expectedBalances() {
            return deposits.subtract(withdrawals).subtract(captures).add(escrowPayments).subtract(inFlight)
                    .subtract(transactionDebits).add(transactionCredits);
        }
    }
}

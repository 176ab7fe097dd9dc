package dev.ledger.query.verification;

import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.query.verification.LedgerModel.Hold;
import java.math.BigInteger;
import java.util.Map;

/**
 * The ledger's invariants (API.md §7) over the replayed model: nothing held below zero; per currency, the money the
 * events moved in and out equals the sum of the balances, both the model's and {@code wallet_view}'s; every terminal
 * hold and escrow consistent with the other.
 */
final class Invariants {

    private static final String CONSERVATION = "Σ deposits − Σ withdrawals − Σ captures + Σ escrow payments "
            + "− in flight = Σ ";

    private final Mismatches mismatches;

    Invariants(Mismatches mismatches) {
        this.mismatches = mismatches;
    }

    /** {@code readTotals}: per currency, Σ {@code wallet_view.balance}, summed exactly. */
    void check(LedgerModel model, Map<String, BigInteger> readTotals) {
        model.wallets.forEach((id, w) -> {
            if (w.held < 0) {
                mismatches.add("invariant", id, "held >= 0", ">= 0", w.held, null);
            }
        });
        Map<String, BigInteger> modelTotals = model.balanceTotals();
        model.flows.forEach((currency, flows) -> {
            BigInteger expected = flows.expectedBalances();
            BigInteger events = modelTotals.getOrDefault(currency, BigInteger.ZERO);
            if (!events.equals(expected)) {
                mismatches.add("invariant", currency, CONSERVATION + "balances (events)", expected, events, null);
            }
            BigInteger read = readTotals.getOrDefault(currency, BigInteger.ZERO);
            if (!read.equals(expected)) {
                mismatches.add("invariant", currency, CONSERVATION + "wallet_view.balance", expected, read, null);
            }
        });
        model.transactions.forEach((id, transaction) -> {
            // balanced as posted, and every leg booked on its wallet: a transaction moves money, never makes it
            if (transaction.postedDebits != transaction.postedCredits
                    || transaction.bookedDebits != transaction.postedDebits
                    || transaction.bookedCredits != transaction.postedCredits) {
                mismatches.add("invariant", id, "transaction: debits = credits = its legs' amounts",
                        transaction.postedDebits + "/" + transaction.postedCredits,
                        transaction.bookedDebits + "/" + transaction.bookedCredits, null);
            }
        });
        model.holds.forEach((id, hold) -> {
            if (hold.status == HoldStatus.CAPTURED && hold.captured > hold.amount) {
                mismatches.add("invariant", id, "captured <= amount", "<= " + hold.amount, hold.captured, null);
            }
        });
        model.escrows.forEach((id, escrow) -> {
            Hold hold = escrow.holdId == null ? null : model.holds.get(escrow.holdId);
            BigInteger paid = model.escrowPayments.getOrDefault(id, BigInteger.ZERO);
            BigInteger amount = BigInteger.valueOf(escrow.amount);
            switch (escrow.state) {
                case RELEASED -> {
                    if (hold == null || hold.status != HoldStatus.CAPTURED || hold.captured != escrow.amount
                            || !hold.walletId.equals(escrow.buyerWalletId)) {
                        mismatches.add("invariant", id, "released escrow: buyer's hold captured for the amount",
                                "CAPTURED " + escrow.amount,
                                hold == null ? "no hold" : hold.status + " " + hold.captured, null);
                    }
                    if (!paid.equals(amount)) {
                        mismatches.add("invariant", id, "released escrow: seller received the amount", amount,
                                paid, null);
                    }
                }
                case REFUNDED, EXPIRED -> {
                    if (hold == null || (hold.status != HoldStatus.VOIDED && hold.status != HoldStatus.EXPIRED)) {
                        mismatches.add("invariant", id, escrow.state + " escrow: buyer's hold voided or expired",
                                "VOIDED or EXPIRED", hold == null ? "no hold" : hold.status, null);
                    }
                }
                default -> {
                }
            }
            if (escrow.state != EscrowState.RELEASED && paid.signum() != 0) {
                mismatches.add("invariant", id, escrow.state + " escrow: seller received nothing", 0, paid, null);
            }
        });
        model.escrowPayments.keySet().stream().filter(id -> !model.escrows.containsKey(id)).forEach(id ->
                mismatches.add("invariant", id, "escrow payment of a known escrow", "an escrow", "no such escrow",
                        null));
    }
}

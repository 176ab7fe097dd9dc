package dev.ledger.command.transaction;

import dev.ledger.events.money.Currencies;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.FieldError;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.TransactionLeg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legs of one transaction, checked for what holds whatever the wallets say: 2–{@value #MAX_LEGS} legs, each
 * wallet once, every amount positive and in the transaction's currency, and debits equal to credits — a transaction
 * moves money, it never creates or destroys it.
 */
public record Legs(String currency, List<TransactionLeg> legs) {

    public static final int MIN_LEGS = 2;
    public static final int MAX_LEGS = 50;

    public Legs {
        legs = List.copyOf(legs);
    }

    /** The legs, or a 400 naming each problem. */
    public static Legs balanced(String currency, List<TransactionLeg> legs) {
        List<FieldError> errors = new ArrayList<>();
        if (!Currencies.isSupported(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code or CRD"));
            throw invalid(errors);
        }
        if (legs.size() < MIN_LEGS || legs.size() > MAX_LEGS) {
            errors.add(new FieldError("legs", "must hold " + MIN_LEGS + " to " + MAX_LEGS + " legs"));
        }
        Set<String> wallets = new HashSet<>();
        long debits = 0;
        long credits = 0;
        for (int i = 0; i < legs.size(); i++) {
            TransactionLeg leg = legs.get(i);
            if (!wallets.add(leg.walletId())) {
                errors.add(new FieldError("legs[" + i + "].walletId", "names a wallet an earlier leg already names"));
            }
            if (!leg.amount().currency().equals(currency) || !leg.amount().isPositive()) {
                errors.add(new FieldError("legs[" + i + "].amount", "must be a positive amount in " + currency));
                continue;
            }
            try {
                if (leg.direction() == LegDirection.DEBIT) {
                    debits = Math.addExact(debits, leg.amount().minorUnits());
                } else {
                    credits = Math.addExact(credits, leg.amount().minorUnits());
                }
            } catch (ArithmeticException overflow) {
                errors.add(new FieldError("legs", "add up to more than the ledger can hold"));
                throw invalid(errors);
            }
        }
        if (errors.isEmpty() && debits != credits) {
            errors.add(new FieldError("legs", "debits (" + Money.of(debits, currency).toDecimalString()
                    + ") must equal credits (" + Money.of(credits, currency).toDecimalString() + ")"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Legs(currency, legs);
    }

    /** The same legs with every direction swapped: what a reversal books. */
    public List<TransactionLeg> swapped() {
        return legs.stream().map(TransactionLeg::reversed).toList();
    }

    private static LedgerException invalid(List<FieldError> errors) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, errors.get(0).field() + " " + errors.get(0).message(),
                Map.of("errors", List.copyOf(errors)));
    }
}

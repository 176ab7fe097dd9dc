package dev.ledger.command.wallet;

import dev.ledger.events.money.Money;

/**
 * A wallet's money: what it holds in total and how much of it is reserved by holds.
 * Everything that debits checks {@link #available()}, never the balance: reserved money is spoken for.
 */
record Funds(Money balance, Money held) {

    static Funds empty(String currency) {
        return new Funds(Money.zero(currency), Money.zero(currency));
    }

    Money available() {
        return balance.minus(held);
    }

    boolean canDebit(Money amount) {
        return !amount.isGreaterThan(available());
    }

    /** Whether the balance can grow by this much without leaving the range of exact minor units. */
    boolean canCredit(Money amount) {
        return balance.minorUnits() <= Long.MAX_VALUE - amount.minorUnits();
    }

    boolean isEmpty() {
        return balance.isZero() && held.isZero();
    }

    Funds credit(Money amount) {
        return new Funds(balance.plus(amount), held);
    }

    Funds debit(Money amount) {
        return new Funds(balance.minus(amount), held);
    }

    Funds reserve(Money amount) {
        return new Funds(balance, held.plus(amount));
    }

    Funds release(Money amount) {
        return new Funds(balance, held.minus(amount));
    }

    /** Settles a hold: {@code captured} leaves the wallet, the whole hold stops being reserved. */
    Funds capture(Money captured, Money holdAmount) {
        return new Funds(balance.minus(captured), held.minus(holdAmount));
    }
}

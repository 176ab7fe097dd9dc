package dev.ledger.events.transaction;

/** Which way a leg moves money on its wallet: a debit takes it out, a credit puts it in. */
public enum LegDirection {
    DEBIT, CREDIT;

    /** The leg that undoes this one, as a reversal books it. */
    public LegDirection opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}

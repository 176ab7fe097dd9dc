package dev.ledger.events.audit;

import java.util.List;

/** The outcome of {@link VerifyLedgerQuery}: {@code ok} exactly when {@code mismatches} is empty. */
public record VerificationReport(boolean ok, long eventsChecked, List<VerificationMismatch> mismatches) {

    public VerificationReport {
        mismatches = List.copyOf(mismatches);
    }
}

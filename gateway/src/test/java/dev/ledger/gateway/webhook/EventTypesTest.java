package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void filtersAreTypesFamilyWildcardsOrEverything() {
        assertThat(List.of("wallet.opened", "ping", "hold.*", "transaction.*", "*"))
                .allMatch(EventTypes::isValidFilter);
        assertThat(List.of("wallet", "wallet.", "wallet*", "wallets.*", "*.opened", "**", "wallet.opened.*", "",
                "Wallet.opened")).noneMatch(EventTypes::isValidFilter);
    }

    @Test
    void aWildcardMatchesItsFamilyOnly() {
        assertThat(EventTypes.matches(List.of("wallet.*"), "wallet.deposited")).isTrue();
        assertThat(EventTypes.matches(List.of("wallet.*"), "hold.placed")).isFalse();
        assertThat(EventTypes.matches(List.of("hold.*"), "holds.placed")).isFalse();
        assertThat(EventTypes.matches(List.of("*"), "escrow.expired")).isTrue();
        assertThat(EventTypes.matches(List.of("transfer.failed", "escrow.released"), "escrow.released")).isTrue();
        assertThat(EventTypes.matches(List.of("transfer.failed"), "transfer.completed")).isFalse();
    }
}

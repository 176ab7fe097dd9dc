package dev.ledger.command.transfer;

import dev.ledger.events.transfer.FindTransferWalletsQuery;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.transfer.TransferWallets;
import java.util.Optional;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which two wallets each transfer involves, kept by a subscribing processor: it handles the {@link TransferSent} in
 * the transaction that appends it, so a transfer is in this lookup the moment its command commits, whatever the read
 * models' lag. {@code GET /api/transfers/{id}} asks it whether a transfer its read model does not show yet exists, and
 * for whom (API.md §1 Read-your-writes). A transfer of the former flow (docs/adr/006) may be missing here; the
 * transfers read model has long shown it.
 */
@Component
@ProcessingGroup(TransferWalletsLookup.PROCESSING_GROUP)
public class TransferWalletsLookup {

    public static final String PROCESSING_GROUP = "transfer-wallets";

    private final JdbcTemplate jdbc;

    public TransferWalletsLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TransferSent sent) {
        jdbc.update("insert into transfer_wallets (transfer_id, from_wallet_id, to_wallet_id) values (?, ?, ?)",
                sent.transferId(), sent.walletId(), sent.toWalletId());
    }

    @QueryHandler
    Optional<TransferWallets> handle(FindTransferWalletsQuery query) {
        return jdbc.query("select from_wallet_id, to_wallet_id from transfer_wallets where transfer_id = ?",
                (row, n) -> new TransferWallets(query.transferId(), row.getString("from_wallet_id"),
                        row.getString("to_wallet_id")), query.transferId()).stream().findFirst();
    }

    @Configuration(proxyBeanMethods = false)
    static class InTheCommandsTransaction {

        @Bean
        ConfigurerModule transferWalletsSubscribing() {
            return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(PROCESSING_GROUP);
        }
    }
}

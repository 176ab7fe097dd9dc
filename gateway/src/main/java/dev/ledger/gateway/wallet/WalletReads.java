package dev.ledger.gateway.wallet;

import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.FindWalletQuery;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.problem.RequestValidation;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Reads a wallet from its read model the way every endpoint must: a client sees only its own (404 otherwise). */
@Component
public class WalletReads {

    private static final Duration PRESENCE_WAIT = Duration.ofSeconds(2);

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;

    public WalletReads(QueryGateway queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    public WalletView visible(Caller caller, String walletId, Long minVersion) {
        String id = PathIds.require(walletId, "wallet");
        if (minVersion != null && minVersion < 0) {
            throw RequestValidation.invalid("minVersion", "must not be negative");
        }
        return readYourWrites.await(minVersion, () -> find(id), WalletView::version)
                .filter(view -> caller.actor().canSee(view.ownerId()))
                .orElseThrow(() -> LedgerException.notFound("wallet " + walletId));
    }

    /**
     * For commands that refer to a wallet through its read model (an escrow's two wallets, a key's billing wallet): a
     * wallet opened a moment ago may not be projected yet, so an absent one is awaited briefly before it counts as
     * unknown.
     */
    public Optional<WalletView> findSoon(String walletId) {
        long deadline = System.nanoTime() + PRESENCE_WAIT.toNanos();
        Optional<WalletView> found = find(walletId);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = find(walletId);
        }
        return found;
    }

    /** {@link #visible} for a wallet that may have been opened a moment ago. */
    public WalletView visibleSoon(Caller caller, String walletId) {
        String id = PathIds.require(walletId, "wallet");
        return findSoon(id).filter(view -> caller.actor().canSee(view.ownerId()))
                .orElseThrow(() -> LedgerException.notFound("wallet " + walletId));
    }

    public Optional<WalletView> find(String walletId) {
        return queries.query(new FindWalletQuery(walletId), ResponseTypes.optionalInstanceOf(WalletView.class))
                .join();
    }
}

package dev.ledger.gateway.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.FindWalletQuery;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.problem.RequestValidation;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Reads a wallet the way every endpoint must: a client sees only its own (404 otherwise), and a wallet a command has
 * just opened is never a 404, however far its read model lags (API.md §1 Read-your-writes): whether it exists and
 * who may see it is then decided by its {@code WalletOpened} in the event store.
 */
@Component
public class WalletReads {

    static final String AGGREGATE_TYPE = "Wallet";

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final EventHistory events;

    public WalletReads(QueryGateway queries, ReadYourWrites readYourWrites, EventHistory events) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.events = events;
    }

    /**
     * The wallet from its read model, at version {@code minVersion} or later. A wallet the read model does not show
     * yet but the event store does is waited for like {@code minVersion=1}: 503 {@code read-model-behind} if it does
     * not appear in time.
     */
    public WalletView visible(Caller caller, String walletId, Long minVersion) {
        String id = PathIds.require(walletId, "wallet");
        if (minVersion != null && minVersion < 0) {
            throw RequestValidation.invalid("minVersion", "must not be negative");
        }
        return readYourWrites.awaitCreated(minVersion, () -> find(id), WalletView::version,
                        () -> requireVisibleInEventStore(caller, id))
                .filter(view -> caller.actor().canSee(view.ownerId()))
                .orElseThrow(() -> LedgerException.notFound("wallet " + walletId));
    }

    /**
     * The id of a wallet the caller may see, decided by the event store alone: for what the event store answers by
     * itself (the wallet's events), no read model is needed.
     */
    public String requireVisibleInEventStore(Caller caller, String walletId) {
        String id = PathIds.require(walletId, "wallet");
        if (!isVisibleInEventStore(caller, id)) {
            throw LedgerException.notFound("wallet " + walletId);
        }
        return id;
    }

    /** Whether the event store has this wallet opened, for an owner the caller may see. */
    public boolean isVisibleInEventStore(Caller caller, String walletId) {
        return events.origin(AGGREGATE_TYPE, walletId)
                .map(opened -> opened.get("ownerId"))
                .map(JsonNode::asText)
                .filter(owner -> caller.actor().canSee(owner))
                .isPresent();
    }

    public Optional<WalletView> find(String walletId) {
        return queries.query(new FindWalletQuery(walletId), ResponseTypes.optionalInstanceOf(WalletView.class))
                .join();
    }
}

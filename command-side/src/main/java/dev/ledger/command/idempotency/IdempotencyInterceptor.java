package dev.ledger.command.idempotency;

import static dev.ledger.events.idempotency.CommandMetadata.IDEMPOTENCY_KEY;
import static dev.ledger.events.idempotency.CommandMetadata.PRINCIPAL;
import static dev.ledger.events.idempotency.CommandMetadata.REQUEST_HASH;

import dev.ledger.command.idempotency.IdempotencyStore.EarlierRequest;
import dev.ledger.events.idempotency.CommandMetadata;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.problem.LedgerException;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Runs every command that carries an idempotency key exactly once. It sits inside the command's
 * transaction, so the key's record commits atomically with the events the command appended, or not at all; a
 * request that another transaction records first under the same key fails that commit, and runs again to find it
 * (see {@link IdempotencyStore}).
 *
 * <p>For such commands the handler's answer becomes a {@link CommandOutcome}: a rejection the domain
 * decided (not enough money, wrong state) is returned rather than thrown, so that the transaction commits
 * the key's record and a retry gets the same rejection. Refusals that never reached a decision (not found,
 * forbidden, invalid input) are thrown and leave no trace, except for commands a process sends: there every
 * refusal is an outcome the process compensates for, so it is recorded and returned too — save one that undoes
 * everything, which is always thrown.
 *
 * <p>Axon's Spring Boot support registers interceptor beans on the command bus after the bus's own
 * transaction interceptor, which is what puts this one inside the transaction.
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyInterceptor(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        String key = (String) metaData.get(IDEMPOTENCY_KEY);
        boolean fromProcess = CommandMetadata.ORIGIN_PROCESS.equals(metaData.get(CommandMetadata.ORIGIN));
        if (key == null && !fromProcess) {
            return chain.proceed();
        }
        String principal = (String) metaData.get(PRINCIPAL);
        String requestHash = (String) metaData.get(REQUEST_HASH);
        if (key != null) {
            Optional<EarlierRequest> earlier = store.find(principal, key);
            if (earlier.isPresent()) {
                return answerAgain(earlier.get(), requestHash);
            }
        }
        CommandOutcome outcome;
        try {
            outcome = CommandOutcome.success(chain.proceed());
        } catch (LedgerException rejection) {
            // a refusal that undoes everything (a transfer's debit whose credit was refused) is never an outcome,
            // not even for a process: kept as one, it would commit the effects it was thrown to take back
            if (rejection.undoesEverything() || (!rejection.isOutcome() && !fromProcess)) {
                throw rejection;
            }
            outcome = CommandOutcome.rejected(rejection);
        } catch (AggregateNotFoundException missing) {
            if (!fromProcess) {
                throw missing;
            }
            outcome = CommandOutcome.rejected(LedgerException.notFound("aggregate " + missing.getAggregateIdentifier()));
        }
        if (key == null) {
            return outcome;
        }
        store.record(principal, key, requestHash, outcome, clock.instant());
        return outcome;
    }

    private static CommandOutcome answerAgain(EarlierRequest earlier, String requestHash) {
        earlier.use().requireReplayableBy(requestHash);
        return earlier.outcome().asReplay();
    }
}

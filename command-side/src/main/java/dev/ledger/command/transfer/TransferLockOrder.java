package dev.ledger.command.transfer;

import dev.ledger.command.wallet.Wallet;
import dev.ledger.events.transfer.SendTransferCommand;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A transfer locks its two wallets in the order of their ids. The source wallet handles the transfer and credits the
 * destination from within (docs/adr/012), so left alone it would lock the source, then the destination: A → B and a
 * concurrent B → A would each hold the wallet the other waits for. When the destination's id comes first, this
 * interceptor loads (and so locks) it before the source is loaded; the lock is held until the unit of work ends, and
 * the source's credit finds the destination already loaded in it.
 *
 * <p>A destination that does not exist has nothing to lock; the source refuses the transfer with its own answer.
 * Within a group-commit batch (docs/adr/011) the source is locked once for several transfers, and their destinations
 * may then be locked out of order; Axon's lock detects the deadlock that can follow, and the batch's commands run
 * again one by one, in this order.
 */
@Component
public class TransferLockOrder implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Supplier<Repository<Wallet>> wallets;

    // the repository is looked up when the first transfer runs: the command bus this interceptor is registered on is
    // built before the aggregates' repositories are
    @Autowired
    public TransferLockOrder(ObjectProvider<Configuration> axon) {
        this(() -> axon.getObject().repository(Wallet.class));
    }

    TransferLockOrder(Supplier<Repository<Wallet>> wallets) {
        this.wallets = wallets;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof SendTransferCommand transfer
                && transfer.toWalletId() != null && transfer.toWalletId().compareTo(transfer.walletId()) < 0) {
            try {
                wallets.get().load(transfer.toWalletId());
            } catch (AggregateNotFoundException unknown) {
                // nothing to lock; the source answers 404 for it after its own checks
            }
        }
        return chain.proceed();
    }
}

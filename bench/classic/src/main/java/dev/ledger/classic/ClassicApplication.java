package dev.ledger.classic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The classic design of a money ledger that issue 11 compares the ledger with: a wallet is a row holding its balance,
 * and a withdrawal is one transaction that claims the {@code Idempotency-Key}, locks the row
 * ({@code SELECT ... FOR UPDATE}), updates the balance, appends a journal row and stores the response. Only what
 * {@code bench/run.sh}'s scenarios k and kh send is served: withdrawals and a wallet's balance, behind API keys.
 */
@SpringBootApplication
public class ClassicApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClassicApplication.class, args);
    }
}

package dev.ledger.classic;

import java.util.Locale;

/** An RFC 9457 problem, shaped as the ledger's (type, title, status, detail, code). */
record Problem(String type, String title, int status, String detail, String code) {

    static Problem of(int status, String code, String detail) {
        String words = code.replace('-', ' ');
        return new Problem("https://ledger.dev/problems/" + code,
                words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1), status, detail, code);
    }

    /** A request answered with this problem before it reached a decision. */
    static final class Refusal extends RuntimeException {

        private final Problem problem;

        Refusal(int status, String code, String detail) {
            super(detail, null, false, false);
            this.problem = of(status, code, detail);
        }

        Problem problem() {
            return problem;
        }
    }
}

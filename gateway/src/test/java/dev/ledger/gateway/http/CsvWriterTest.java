package dev.ledger.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void cellsWithCommasQuotesOrLineBreaksAreQuotedAndNullIsEmpty() {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row("plain", null, 42, "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "");
        csv.row("second");
        assertThat(out.toString()).isEqualTo(
                "plain,,42,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\nsecond\r\n");
    }
}

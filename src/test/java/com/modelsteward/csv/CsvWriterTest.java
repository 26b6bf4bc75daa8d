package com.modelsteward.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void formulaCellsAreNeutralisedAndNumbersAreNot() throws Exception {
        StringWriter text = new StringWriter();
        new CsvWriter(text).row(List.of("=cmd|'/c calc'!A1", "+1+1", "@SUM(A1)", "-0.12", "plain", "a,b", "say \"hi\""));
        assertEquals("'=cmd|'/c calc'!A1,'+1+1,'@SUM(A1),-0.12,plain,\"a,b\",\"say \"\"hi\"\"\"\r\n", text.toString());
    }

    @Test
    void missingValuesAreEmptyCells() {
        assertEquals("", CsvWriter.cell(null));
    }
}

package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads CSV (or, by extension, TSV) into rows of cells, with quoting handled; blank lines skipped. */
final class DelimitedText {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private DelimitedText() {
    }

    static boolean isDelimited(String name) {
        String lower = name.toLowerCase();
        return lower.endsWith(".csv") || lower.endsWith(".tsv");
    }

    static List<List<String>> read(Path path, String name) {
        char separator = path.getFileName().toString().toLowerCase().endsWith(".tsv") ? '\t' : ',';
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(schema).readValues(Files.newBufferedReader(path))) {
            while (it.hasNextValue()) {
                rows.add(Arrays.asList(it.nextValue()));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, null, "does not exist");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name, null, "is not valid " + (separator == ',' ? "CSV" : "TSV") + ": "
                    + e.getMessage());
        }
        return rows;
    }
}

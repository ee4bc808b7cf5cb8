package io.mlci.core.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.run.lease.ProcessOwner;
import io.mlci.core.run.record.RunRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * What a training's scratch directory says about itself ({@code owner.json}): the mlci process
 * that trains, the store it records into, its checkpoint directory, and the record it would
 * write if it were killed before it could write its own. A later run reads it to tell a killed
 * run's leftovers from a live one's, and to record the killed run.
 *
 * @param owner       the mlci process training
 * @param store       the run store it records into, as the store describes itself
 * @param checkpoints the checkpoint directory in the workspace, or null
 * @param run         the run as far as it is known before training: inputs, source, start time
 */
record WorkdirOwner(ProcessOwner owner, String store, String checkpoints, RunRecord run) {

    static final String FILE_NAME = "owner.json";
    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    void writeInto(Path dir) throws IOException {
        Files.write(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The owner file of a scratch directory; empty when there is none (an older mlci's directory,
     * or one whose creation was cut short) or it is not one mlci wrote: such a directory is left alone.
     */
    static Optional<WorkdirOwner> readFrom(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            WorkdirOwner read = JSON.readValue(in, WorkdirOwner.class);
            boolean complete = read != null && read.owner() != null && read.run() != null && read.store() != null;
            return complete ? Optional.of(read) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

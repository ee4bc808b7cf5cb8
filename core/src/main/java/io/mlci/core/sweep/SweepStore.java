package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sweep records beside the run records: {@code sweeps/ID.json}, created once and never
 * rewritten, and a {@code trial} fact on every trial's run naming its sweep.
 */
public final class SweepStore {

    static final String FACT_KIND = "trial";
    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES)).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RunStore runs;

    public SweepStore(RunStore runs) {
        this.runs = runs;
    }

    /** Writes the record, then notes on every trial's run which sweep and trial it belongs to. */
    public void save(SweepRecord record) {
        write(record);
        for (TrialResult trial : record.trials()) {
            if (trial.runId() != null) {
                runs.addFact(trial.runId(), FACT_KIND, JSON.valueToTree(Map.of("sweep", record.id(), "kind", record.kind(),
                        "trial", trial.name())));
            }
        }
    }

    private void write(SweepRecord record) {
        try {
            if (!runs.blobs().putIfAbsent(key(record.id()), JSON.writeValueAsBytes(record))) {
                throw new MlciException("sweep " + record.id() + " already exists in " + runs.describe()
                        + "; sweep records are never overwritten");
            }
        } catch (IOException e) {
            throw new MlciException("cannot serialise sweep " + record.id() + ": " + e.getMessage(), e);
        }
    }

    /** The sweep with this id or id prefix; "latest" is the newest. */
    public SweepRecord get(String idOrPrefix) {
        List<String> ids = ids();
        List<String> matches = "latest".equals(idOrPrefix) ? ids.stream().limit(1).toList()
                : ids.stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            throw new InvalidInputException(idOrPrefix, null, "no such sweep in " + runs.describe()
                    + "; 'mlci sweep list' shows the sweeps there");
        }
        if (matches.size() > 1 && !matches.contains(idOrPrefix)) {
            throw new InvalidInputException(idOrPrefix, null, "matches " + matches.size() + " sweeps; give more of the id");
        }
        return read(matches.contains(idOrPrefix) ? idOrPrefix : matches.get(0)).orElseThrow();
    }

    /** Newest first. */
    public List<SweepRecord> list() {
        return ids().stream().map(this::read).flatMap(Optional::stream).toList();
    }

    /** The sweep a run was a trial of, if it was one. */
    public Optional<SweepRecord> ofRun(String runId) {
        return runs.latestFact(runId, FACT_KIND).map(fact -> fact.body().path("sweep").asText(null))
                .flatMap(this::read);
    }

    private List<String> ids() {
        return runs.blobs().list("sweeps/").stream()
                .map(key -> key.substring("sweeps/".length()))
                .filter(name -> name.endsWith(".json"))
                .map(name -> name.substring(0, name.length() - ".json".length()))
                .filter(RunIds::isValid)
                .sorted(Comparator.reverseOrder()).toList();
    }

    private Optional<SweepRecord> read(String id) {
        if (id == null || !RunIds.isValid(id)) {
            return Optional.empty();
        }
        try (InputStream in = runs.blobs().open(key(id))) {
            return Optional.of(JSON.readValue(in, SweepRecord.class));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MlciException(runs.describe() + ": sweep record " + key(id) + " is unreadable: " + io.mlci.core.json.JsonProblems.describe(e), e);
        }
    }

    private static String key(String id) {
        return "sweeps/" + id + ".json";
    }
}

package io.mlci.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What differs between two runs, section by section: the inputs that explain a changed result, then the result. */
public final class RunDiff {

    /**
     * One compared value.
     *
     * @param section command, image, params, data, code, env, outputs or metrics
     * @param name    the param, path, variable or metric; empty for single-valued sections
     * @param a       the first run's value, null when absent
     * @param b       the second run's value, null when absent
     */
    public record Entry(String section, String name, String a, String b) {

        public boolean changed() {
            return !Objects.equals(a, b);
        }
    }

    private RunDiff() {
    }

    /** Every compared value, changed or not, in section order. */
    public static List<Entry> compare(RunRecord a, RunRecord b) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("command", "", a.command(), b.command()));
        entries.add(new Entry("image", "", imageOf(a), imageOf(b)));
        section(entries, "params", json(a.params()), json(b.params()));
        section(entries, "data", data(a), data(b));
        section(entries, "code", a.code(), b.code());
        section(entries, "env", a.env(), b.env());
        section(entries, "outputs", outputs(a), outputs(b));
        section(entries, "metrics", json(a.metrics()), json(b.metrics()));
        return entries;
    }

    private static String imageOf(RunRecord run) {
        return run.imageDigest() != null ? run.imageDigest() : run.image();
    }

    private static void section(List<Entry> into, String section, Map<String, String> a, Map<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        names.forEach(name -> into.add(new Entry(section, name, a.get(name), b.get(name))));
    }

    private static Map<String, String> json(Map<String, JsonNode> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((name, value) -> texts.put(name, value.isTextual() ? value.textValue() : value.toString()));
        return texts;
    }

    private static Map<String, String> data(RunRecord run) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (DataInput input : run.data()) {
            hashes.put(input.path(), input.hash());
        }
        return hashes;
    }

    private static Map<String, String> outputs(RunRecord run) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (OutputFile output : run.outputs()) {
            hashes.put(output.path(), output.sha256() != null ? "sha256:" + output.sha256() : "md5:" + output.md5());
        }
        return hashes;
    }
}

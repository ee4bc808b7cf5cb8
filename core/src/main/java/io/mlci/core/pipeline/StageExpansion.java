package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages a {@code foreach} or {@code matrix} definition generates, named as DVC names them:
 * {@code train@a} for an item of a list of plain values, {@code train@0} for a list of lists or
 * mappings, {@code train@key} for a mapping, and {@code sweep@0.1-3} for one combination of a
 * matrix (a composite matrix value appears as {@code name} + its index, e.g. {@code opt0}).
 */
final class StageExpansion {

    /** One generated stage: its name suffix and the {@code item}/{@code key} it sees. */
    record Member(String key, JsonNode item, boolean withKey) {
    }

    private StageExpansion() {
    }

    static List<Member> foreach(JsonNode data) {
        List<Member> members = new ArrayList<>();
        if (data.isObject()) {
            data.fields().forEachRemaining(entry -> members.add(new Member(entry.getKey(), entry.getValue(), true)));
            return members;
        }
        boolean composite = false;
        for (JsonNode item : data) {
            composite |= item.isContainerNode();
        }
        Map<String, Member> byKey = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String key = composite ? Integer.toString(i) : PythonText.scalar(item);
            byKey.put(key, new Member(key, item, false));
        }
        members.addAll(byKey.values());
        return members;
    }

    static List<Member> matrix(ObjectNode data) {
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        Map<String, Member> byKey = new LinkedHashMap<>();
        combine(data, names, 0, new ArrayList<>(), JsonNodeFactory.instance.objectNode(), byKey);
        return new ArrayList<>(byKey.values());
    }

    private static void combine(ObjectNode data, List<String> names, int at, List<String> fragments, ObjectNode item,
                                Map<String, Member> into) {
        if (at == names.size()) {
            String key = String.join("-", fragments);
            into.put(key, new Member(key, item.deepCopy(), true));
            return;
        }
        String name = names.get(at);
        JsonNode values = data.get(name);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            fragments.add(value.isContainerNode() ? name + i : PythonText.scalar(value));
            item.set(name, value);
            combine(data, names, at + 1, fragments, item, into);
            fragments.remove(fragments.size() - 1);
        }
        item.remove(name);
    }
}

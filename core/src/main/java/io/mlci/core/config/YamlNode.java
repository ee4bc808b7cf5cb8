package io.mlci.core.config;

import io.mlci.core.InvalidInputException;
import io.mlci.core.json.ParserLimits;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it came from (file, line, dotted field path), so that a
 * validator can say "mlci.yaml:12: field 'train.timeout' ..." instead of "invalid config".
 * Jackson's trees drop locations, which is why this reads through SnakeYAML's node graph.
 */
public final class YamlNode {

    /** What a node holds; scalars keep YAML's resolved type so "1" and 1 stay different. */
    public enum Kind { MAP, LIST, STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    private final String file;
    private final String path;
    private final int line;
    private final Kind kind;
    private final String scalar;
    private final Map<String, YamlNode> entries;
    private final List<YamlNode> items;

    private YamlNode(String file, String path, int line, Kind kind, String scalar,
                     Map<String, YamlNode> entries, List<YamlNode> items) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.kind = kind;
        this.scalar = scalar;
        this.entries = entries;
        this.items = items;
    }

    /** Parses one YAML document of at most {@link ParserLimits#CONFIG_BYTES}; an empty document is an empty mapping. */
    public static YamlNode parse(String file, String text) {
        return parse(file, text, ParserLimits.CONFIG_BYTES);
    }

    /**
     * Parses one YAML document within the parser limits: its size, aliases, nesting, and the
     * number of values once aliases are expanded — a few hundred bytes of nested aliases would
     * otherwise expand to billions of values.
     */
    public static YamlNode parse(String file, String text, int maxBytes) {
        ParserLimits.check(text, file, maxBytes);
        Node root;
        try {
            root = new Yaml(ParserLimits.yamlOptions(maxBytes)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidInputException(at(file, line), null, "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new InvalidInputException(file, null, "malformed YAML: " + e.getMessage());
        }
        if (root == null) {
            return new YamlNode(file, "", 1, Kind.MAP, null, Map.of(), List.of());
        }
        return convert(file, "", root, new int[1]);
    }

    private static YamlNode convert(String file, String path, Node node, int[] values) {
        if (++values[0] > ParserLimits.MAX_VALUES) {
            throw new InvalidInputException(file, null, "holds more than " + ParserLimits.MAX_VALUES
                    + " values once its aliases are expanded; the limit keeps alias bombs out");
        }
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode mapping) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new InvalidInputException(at(file, tuple.getKeyNode().getStartMark().getLine() + 1),
                            path, "keys must be plain names");
                }
                String name = key.getValue();
                if (entries.containsKey(name)) {
                    throw new InvalidInputException(at(file, key.getStartMark().getLine() + 1),
                            path.isEmpty() ? name : path + "." + name, "duplicate key; each key may appear once");
                }
                entries.put(name, convert(file, path.isEmpty() ? name : path + "." + name, tuple.getValueNode(), values));
            }
            return new YamlNode(file, path, line, Kind.MAP, null, Collections.unmodifiableMap(entries), List.of());
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(file, path + "[" + items.size() + "]", item, values));
            }
            return new YamlNode(file, path, line, Kind.LIST, null, Map.of(), List.copyOf(items));
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YamlNode(file, path, line, scalarKind(scalar.getTag()), scalar.getValue(), Map.of(), List.of());
    }

    private static Kind scalarKind(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return Kind.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return Kind.BOOLEAN;
        }
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        return Kind.STRING;
    }

    private static String at(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }

    public Kind kind() {
        return kind;
    }

    /** Dotted path from the document root, e.g. {@code train.outputs[1]}. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    /** "file:line", for messages. */
    public String location() {
        return at(file, line);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    public boolean isScalar() {
        return kind != Kind.MAP && kind != Kind.LIST;
    }

    /** The scalar's text as written (after YAML unquoting); null for maps and lists. */
    public String scalar() {
        return scalar;
    }

    public Map<String, YamlNode> entries() {
        return entries;
    }

    public List<YamlNode> items() {
        return items;
    }

    public YamlNode get(String key) {
        return entries.get(key);
    }

    /** An error about this node: names the file, the line and the field. */
    public InvalidInputException error(String problem) {
        return new InvalidInputException(location(), path, problem);
    }

    /** What the node is, in words a YAML author recognises. */
    public String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "nothing (null)";
            default -> "'" + scalar + "'";
        };
    }
}

package io.mlci.core.data.pointer;

import io.mlci.core.data.hash.HashAlgorithm;

import java.util.regex.Pattern;

/**
 * Writes {@code .dvc} files byte for byte as {@code dvc add} (DVC 3.x) does: an {@code outs} list
 * with {@code md5, size, [nfiles], [isexec], hash, path} in that order, block style, two-space
 * indentation under a flush-left dash.
 */
public final class DvcFileWriter {

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_./][\\p{L}\\p{N}_./ +-]*");
    private static final Pattern LOOKS_TYPED = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|~|y|n)|[-+]?(\\d[\\d_]*)?(\\.\\d*)?([eE][-+]?\\d+)?|0x[0-9a-f]+|0o[0-7]+|\\d+:\\d+(:\\d+)*");

    private DvcFileWriter() {
    }

    public static String write(Output out) {
        StringBuilder yaml = new StringBuilder("outs:\n");
        yaml.append("- md5: ").append(out.objectId().value()).append('\n');
        if (out.size() >= 0) {
            yaml.append("  size: ").append(out.size()).append('\n');
        }
        if (out.isDirectory() && out.nfiles() >= 0) {
            yaml.append("  nfiles: ").append(out.nfiles()).append('\n');
        }
        if (out.isexec()) {
            yaml.append("  isexec: true\n");
        }
        if (out.algorithm() == HashAlgorithm.MD5) {
            yaml.append("  hash: md5\n");
        }
        yaml.append("  path: ").append(scalar(out.path())).append('\n');
        return yaml.toString();
    }

    /** A YAML scalar: plain when that reads back as the same string, else single-quoted. */
    static String scalar(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !LOOKS_TYPED.matcher(value).matches()
                && !value.endsWith(" ") && !value.contains(": ") && !value.contains(" #");
        return plain ? value : "'" + value.replace("'", "''") + "'";
    }
}

package io.mlci.pipeline

/**
 * Quoting for sh. Every value a pipeline passes to the mlci command line goes through here, so
 * quotes, $(...), backticks and newlines in a parameter reach mlci verbatim instead of being
 * interpreted by the shell.
 */
class Shell implements Serializable {

    /** The value in single quotes; a single quote inside becomes '"'"'. */
    static String quote(Object value) {
        String text = value == null ? '' : value.toString()
        return "'" + text.replace("'", "'\"'\"'") + "'"
    }

    /** A command line of quoted words. */
    static String words(List values) {
        List<String> quoted = []
        for (Object value : values) {
            quoted.add(quote(value))
        }
        return quoted.join(' ')
    }
}

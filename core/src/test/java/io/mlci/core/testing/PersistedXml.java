package io.mlci.core.testing;

import com.thoughtworks.xstream.XStream;

/**
 * Writes and reads a value the way Jenkins keeps build.xml, global configuration and fingerprints:
 * XStream, field by field, transient fields left out. Jenkins cannot run in this build, so this is
 * how the values the plugin persists are tested here. Besides XStream's own basic types (strings,
 * numbers, booleans, standard collections), only the value's own class may appear: a persisted
 * graph that reaches a path, a JGit object or a core engine class fails to read back.
 */
public final class PersistedXml {

    private PersistedXml() {
    }

    public static String write(Object value) {
        return xstream(value.getClass()).toXML(value);
    }

    public static <T> T read(String xml, Class<T> type) {
        return type.cast(xstream(type).fromXML(xml));
    }

    private static XStream xstream(Class<?> type) {
        XStream xstream = new XStream();
        xstream.allowTypes(new Class<?>[] {type});
        return xstream;
    }
}

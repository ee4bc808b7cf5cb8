package io.mlci.core.registry;

/**
 * One entry of a model's append-only history.
 *
 * @param type      register, promote, demote, rollback or deploy-failed
 * @param version   the version the event is about (for promote/rollback: the one the alias now points at)
 * @param alias     the stage or alias, for promote, demote and rollback
 * @param previous  the version the alias pointed at before, if any
 * @param at        ISO-8601 instant; shown, never used to order events
 * @param by        who (the CI user or the OS user)
 * @param why       the reason given
 * @param buildUrl  the CI build that did it, if any (http or https only)
 * @param sequence  the event's place in the model's history, claimed with a create-if-absent write;
 *                  null for events written before sequences existed
 * @param signature HMAC-SHA256 of the event without it, with {@code MLCI_REGISTRY_KEY}; null when unsigned
 */
public record RegistryEvent(String model, String type, Integer version, String alias, Integer previous, String at,
                            String by, String why, String buildUrl, Long sequence, String signature) {

    /** An event not yet numbered nor signed. */
    public RegistryEvent(String model, String type, Integer version, String alias, Integer previous, String at, String by,
                         String why, String buildUrl) {
        this(model, type, version, alias, previous, at, by, why, buildUrl, null, null);
    }

    RegistryEvent numbered(long number) {
        return new RegistryEvent(model, type, version, alias, previous, at, by, why, buildUrl, number, null);
    }

    RegistryEvent signed(String hmac) {
        return new RegistryEvent(model, type, version, alias, previous, at, by, why, buildUrl, sequence, hmac);
    }

    /** Whether a reader trusts the event, and why not. */
    public enum Trust {
        /** Signed with the reader's key. */
        VERIFIED("signed"),
        /** Carries a signature the reader has no key to check. */
        NOT_CHECKED("signed, not checked (no MLCI_REGISTRY_KEY here)"),
        /** No signature. */
        UNSIGNED("UNSIGNED"),
        /** A signature that is not the key's, or a body that does not match its place in the history. */
        BAD_SIGNATURE("BAD SIGNATURE");

        private final String label;

        Trust(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

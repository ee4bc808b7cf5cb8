package io.mlci.core.registry;

/**
 * One entry of a model's append-only history.
 *
 * @param type     register, promote, demote, rollback or deploy-failed
 * @param version  the version the event is about (for promote/rollback: the one the alias now points at)
 * @param alias    the stage or alias, for promote, demote and rollback
 * @param previous the version the alias pointed at before, if any
 * @param at       ISO-8601 instant
 * @param by       who (the CI user or the OS user)
 * @param why      the reason given
 * @param buildUrl the CI build that did it, if any
 */
public record RegistryEvent(String model, String type, Integer version, String alias, Integer previous, String at,
                            String by, String why, String buildUrl) {
}

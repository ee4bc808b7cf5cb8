package io.mlci.core.doctor;

/**
 * One thing {@code mlci doctor} looked at.
 *
 * @param status ok, warn (works, but something a user may want to know), fail (something mlci needs)
 * @param fix    what to do about a warn or fail; null when ok
 */
public record Check(String name, Status status, String detail, String fix) {

    public enum Status { OK, WARN, FAIL }

    static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}

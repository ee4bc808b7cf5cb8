package io.mlci.core.registry;

import io.mlci.core.InvalidInputException;

/**
 * A model version named by number or alias: {@code models:/churn/3}, {@code models:/churn@production},
 * or the same without the scheme ({@code churn/3}, {@code churn@production}); or, where a command
 * allows it, a bare name for the newest version ({@link #latest}).
 */
public record ModelRef(String model, Integer version, String alias) {

    /** The newest version of the model. */
    public static ModelRef latest(String model) {
        return new ModelRef(checkName(model, model), null, null);
    }

    public boolean isLatest() {
        return version == null && alias == null;
    }

    public static ModelRef parse(String text) {
        String body = text.startsWith("models:/") ? text.substring("models:/".length()) : text;
        int at = body.indexOf('@');
        if (at > 0 && at < body.length() - 1) {
            return new ModelRef(checkName(body.substring(0, at), text), null, body.substring(at + 1));
        }
        int slash = body.lastIndexOf('/');
        if (slash > 0 && body.substring(slash + 1).matches("\\d+")) {
            return new ModelRef(checkName(body.substring(0, slash), text), Integer.parseInt(body.substring(slash + 1)), null);
        }
        throw new InvalidInputException(text, null, "is not a model version; write models:/NAME/VERSION or models:/NAME@ALIAS");
    }

    static String checkName(String name, String text) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidInputException(text, null, "model names are letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    @Override
    public String toString() {
        return "models:/" + model + (version != null ? "/" + version : alias != null ? "@" + alias : "");
    }
}

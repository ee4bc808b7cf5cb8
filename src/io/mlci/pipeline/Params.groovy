package io.mlci.pipeline

/**
 * Checks a step's named parameters: unknown names and wrong types fail the build with a message
 * that lists what the step knows, instead of being ignored.
 */
class Params implements Serializable {

    private final def steps
    private final String step

    Params(steps, String step) {
        this.steps = steps
        this.step = step
    }

    /**
     * @param known parameter name -> expected type (String, Integer, Boolean, List, Map)
     * @return the arguments, with the defaults filled in for those not given
     */
    Map check(Map args, Map<String, Class> known, Map defaults = [:]) {
        Map result = [:]
        result.putAll(defaults)
        for (String name : args.keySet()) {
            if (!known.containsKey(name)) {
                steps.error("${step}: unknown parameter '${name}' (known: ${known.keySet().sort().join(', ')})")
            }
            Object value = args[name]
            Class type = known[name]
            if (value != null && !type.isInstance(value) && !(type == String && value instanceof GString)) {
                steps.error("${step}: parameter '${name}' must be a ${type.simpleName}, got ${value.getClass().simpleName} " +
                        "(known: ${known.keySet().sort().join(', ')})")
            }
            result[name] = value instanceof GString ? value.toString() : value
        }
        return result
    }
}

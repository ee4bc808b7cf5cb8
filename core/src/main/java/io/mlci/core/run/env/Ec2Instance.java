package io.mlci.core.run.env;

/**
 * The EC2 instance a run trained on, as the instance metadata service describes it.
 *
 * @param type      e.g. {@code g5.xlarge}
 * @param lifecycle {@code spot} or {@code on-demand}; null when the service does not say
 * @param region    e.g. {@code us-east-1}; null when the service does not say
 */
public record Ec2Instance(String type, String lifecycle, String region) {

    public Ec2Instance {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an EC2 instance needs a type");
        }
    }

    /** e.g. {@code g5.xlarge (spot)}, as the machine line of a run shows it. */
    public String describe() {
        return lifecycle == null ? type : type + " (" + lifecycle + ")";
    }

    public boolean spot() {
        return "spot".equals(lifecycle);
    }
}

package io.mlci.core.gate;

/** Which way a metric improves. Improvement δ is cand − base when higher is better, base − cand when lower is. */
public enum Direction {
    HIGHER, LOWER;

    public double improvement(double base, double cand) {
        return this == HIGHER ? cand - base : base - cand;
    }

    public String label() {
        return name().toLowerCase();
    }
}

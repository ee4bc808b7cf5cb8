package io.mlci.cli;

/** Exit codes shared by every command; scripts and the Jenkins library rely on them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int GATE_FAILED = 3;
    public static final int GATE_UNSTABLE = 4;

    private ExitCodes() {
    }
}

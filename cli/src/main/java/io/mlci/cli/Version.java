package io.mlci.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (or "development" when run from classes). */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"mlci " + number()};
    }

    /** The bare version, as recorded in run records. */
    public static String number() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}

package io.mlci.core.run.exec;

/** Receives the training's console output line by line, as it is produced. */
@FunctionalInterface
public interface OutputSink {

    OutputSink NONE = line -> { };

    void line(String line);
}

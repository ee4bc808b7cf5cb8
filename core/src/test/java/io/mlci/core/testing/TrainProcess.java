package io.mlci.core.testing;

import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.Trainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * A separate JVM for training tests: {@code plan REPO} prints the run key; {@code train REPO}
 * trains (so a test can SIGKILL it mid-way, as a reclaimed spot instance would be).
 */
public final class TrainProcess {

    private TrainProcess() {
    }

    public static void main(String[] args) {
        TrainOptions options = TrainOptions.defaults(Map.of(), "test").withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(System.out::println, System.out::println);
        Trainer trainer = new Trainer(Path.of(args[1]), options);
        if (args[0].equals("plan")) {
            System.out.println("KEY " + trainer.plan().key().value());
        } else {
            trainer.train();
        }
    }
}

package io.mlci.core.ci;

import java.util.Objects;

/**
 * What a CI server keeps with one build: the review ({@link BuildSummary}) and the data fetch
 * ({@link DataFetch}), each as the core's JSON. Two strings and nothing else, so the server's own
 * persistence (Jenkins writes it into build.xml with XStream) stores and restores it without
 * knowing the core's classes, and a build kept by one mlci version still shows after an upgrade
 * or a downgrade: the JSON readers ignore fields they do not know.
 *
 * <p>Immutable: recording returns a new record, so a page rendering concurrently sees the old
 * record or the new one, never half of each.
 */
public final class BuildRecord {

    public static final BuildRecord EMPTY = new BuildRecord(null, null);

    /** The JSON of the latest review; null when no review ran in the build. */
    private final String review;
    /** The JSON of the latest data fetch; null when none ran. */
    private final String data;

    private BuildRecord(String review, String data) {
        this.review = review;
        this.data = data;
    }

    public BuildRecord withReview(BuildSummary summary) {
        return new BuildRecord(summary.toJson(), data);
    }

    public BuildRecord withData(DataFetch fetched) {
        return new BuildRecord(review, fetched.toJson());
    }

    /**
     * @param source where the record is kept, named in the message when it is not readable
     * @return null when no review was recorded
     */
    public BuildSummary review(String source) {
        return review == null ? null : BuildSummary.fromJson(review, source);
    }

    /**
     * @param source where the record is kept, named in the message when it is not readable
     * @return null when no data fetch was recorded
     */
    public DataFetch data(String source) {
        return data == null ? null : DataFetch.fromJson(data, source);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BuildRecord that && Objects.equals(review, that.review) && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(review, data);
    }
}

package io.mlci.core.data.hash;

/**
 * The two md5 variants DVC has used. Which one applies is decided per output entry: DVC 3.x
 * writes {@code hash: md5}; an entry without it was written by DVC 2.x.
 */
public enum HashAlgorithm {
    /** DVC 3.x: md5 of the raw bytes. */
    MD5("md5"),
    /** DVC 2.x: md5 after CRLF to LF conversion for files that look like text. */
    MD5_DOS2UNIX("md5-dos2unix");

    private final String dvcName;

    HashAlgorithm(String dvcName) {
        this.dvcName = dvcName;
    }

    /** The name DVC uses for the variant in its cache database and code. */
    public String dvcName() {
        return dvcName;
    }
}

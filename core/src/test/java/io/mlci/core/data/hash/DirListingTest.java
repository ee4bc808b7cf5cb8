package io.mlci.core.data.hash;

import io.mlci.core.InvalidInputException;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DirListingTest {

    private static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";
    private static final String BAR = "37b51d194a7513e45b56f6524f2d51f2";

    @Test
    public void shouldReproduceDvcsWorkedExample() {
        DirListing listing = DirListing.of(List.of(new DirEntry("foo", FOO, 3), new DirEntry("bar", BAR, 3)));

        assertThat(new String(listing.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(
                "[{\"md5\": \"37b51d194a7513e45b56f6524f2d51f2\", \"relpath\": \"bar\"}, "
                        + "{\"md5\": \"acbd18db4cc2f85cedef654fccc4a4d8\", \"relpath\": \"foo\"}]");
        assertThat(listing.hash()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    }

    @Test
    public void shouldHashTheEmptyDirectoryAsDvcDoes() {
        assertThat(DirListing.of(List.of()).hash()).isEqualTo("d751713988987e9331980363e24189ce.dir");
    }

    @Test
    public void shouldEscapeNonAsciiLikePythonJsonDumps() {
        // json.dumps([{"md5": m, "relpath": "caf\u00e9/\u00fc.txt"}], sort_keys=True)
        DirListing listing = DirListing.of(List.of(new DirEntry("caf\u00e9/\u00fc.txt", FOO, 1)));

        assertThat(new String(listing.toBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("[{\"md5\": \"" + FOO + "\", \"relpath\": \"caf\\u00e9/\\u00fc.txt\"}]");
    }

    @Test
    public void shouldEscapeNonBmpCharactersAsSurrogatePairs() {
        String emoji = new String(Character.toChars(0x1F600)); // python: "\ud83d\ude00"
        DirListing listing = DirListing.of(List.of(new DirEntry(emoji + ".png", FOO, 1)));

        assertThat(new String(listing.toBytes(), StandardCharsets.US_ASCII)).contains("\"relpath\": \"\\ud83d\\ude00.png\"");
    }

    @Test
    public void shouldEscapeQuotesBackslashesControlCharactersAndDel() {
        DirListing listing = DirListing.of(List.of(new DirEntry("a\"b\\c\td\u007f\u0001", FOO, 1)));

        assertThat(new String(listing.toBytes(), StandardCharsets.US_ASCII))
                .contains("\"relpath\": \"a\\\"b\\\\c\\td\\u007f\\u0001\"");
    }

    @Test
    public void shouldEscapeLongRelpathsFullOfEscapesAsPythonDoes() {
        // longer than the room a listing sets aside per entry, and growing at every escape
        StringBuilder relpath = new StringBuilder();
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            relpath.append("\u00e9\"\\x/");
            escaped.append("\\u00e9\\\"\\\\x/");
        }
        relpath.append(new String(Character.toChars(0x1F600))).append('\n');
        escaped.append("\\ud83d\\ude00\\n");
        DirListing listing = DirListing.of(List.of(new DirEntry(relpath.toString(), FOO, 1), new DirEntry("a", BAR, 1)));

        assertThat(new String(listing.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(
                "[{\"md5\": \"" + BAR + "\", \"relpath\": \"a\"}, {\"md5\": \"" + FOO + "\", \"relpath\": \"" + escaped + "\"}]");
        assertThat(DirListing.parse(listing.toBytes(), "x").entries()).extracting(DirEntry::relpath)
                .containsExactly("a", relpath.toString());
    }

    @Test
    public void shouldSortByCodePointNotByUtf16Unit() {
        // U+FF5E (BMP, high UTF-16 unit) sorts before U+1F600 by code point, after it by UTF-16 unit.
        String bmp = "\uff5e";
        String astral = new String(Character.toChars(0x1F600));
        DirListing listing = DirListing.of(List.of(new DirEntry(astral, FOO, 1), new DirEntry(bmp, BAR, 1)));

        assertThat(listing.entries()).extracting(DirEntry::relpath).containsExactly(bmp, astral);
        assertThat(bmp.compareTo(astral)).as("Java's own order differs").isGreaterThan(0);
    }

    @Test
    public void shouldSortNestedPathsAsFullStrings() {
        DirListing listing = DirListing.of(List.of(new DirEntry("a/b", FOO, 1), new DirEntry("a-b", BAR, 1),
                new DirEntry("a", FOO, 1)));

        assertThat(listing.entries()).extracting(DirEntry::relpath).containsExactly("a", "a-b", "a/b");
    }

    @Test
    public void shouldParseListingsWithExtraKeys() {
        byte[] json = ("[{\"md5\": \"" + BAR + "\", \"relpath\": \"bar\", \"size\": 3, \"isexec\": false}]")
                .getBytes(StandardCharsets.US_ASCII);

        DirListing listing = DirListing.parse(json, "x.dir");

        assertThat(listing.entries()).containsExactly(new DirEntry("bar", BAR, 3));
    }

    @Test
    public void shouldRoundTripItsOwnBytes() {
        DirListing listing = DirListing.of(List.of(new DirEntry("d/\u00e9", FOO, -1), new DirEntry("bar", BAR, -1)));

        assertThat(DirListing.parse(listing.toBytes(), "x").hash()).isEqualTo(listing.hash());
    }

    @Test
    public void shouldRefuseRelpathsThatEscapeTheDirectory() {
        for (String bad : new String[] {"../etc/passwd", "/etc/passwd", "a/../../b", "C:\\x"}) {
            byte[] json = ("[{\"md5\": \"" + BAR + "\", \"relpath\": \"" + bad.replace("\\", "\\\\") + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> DirListing.parse(json, "obj.dir"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("obj.dir")
                    .hasMessageContaining("relpath");
        }
    }

    @Test
    public void shouldNameTheFileWhenTheListingIsNotJson() {
        assertThatThrownBy(() -> DirListing.parse("[{".getBytes(StandardCharsets.US_ASCII), "cache/ab/cd.dir"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cache/ab/cd.dir");
    }

    @Test
    public void shouldRejectAnEntryWithoutAnMd5() {
        assertThatThrownBy(() -> DirListing.parse("[{\"relpath\": \"a\"}]".getBytes(StandardCharsets.US_ASCII), "l.dir"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[0].md5");
    }

    @Test
    public void shouldSkipNestedValuesOfKeysItDoesNotKnow() {
        byte[] json = ("[{\"meta\": {\"a\": [1, {\"md5\": \"x\"}]}, \"relpath\": \"b\", \"md5\": \"" + FOO
                + "\", \"size\": 12345678901}, {\"md5\": \"" + BAR + "\", \"relpath\": \"a\", \"size\": \"3\"}]")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(DirListing.parse(json, "x.dir").entries())
                .containsExactly(new DirEntry("a", BAR, -1), new DirEntry("b", FOO, 12345678901L));
    }

    @Test
    public void shouldNameTheEntryThatIsNotAnObjectOrHasAWrongType() {
        assertThatThrownBy(() -> DirListing.parse(("[{\"md5\": \"" + FOO + "\", \"relpath\": \"a\"}, \"b\"]")
                .getBytes(StandardCharsets.US_ASCII), "l.dir"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("l.dir").hasMessageContaining("[1].relpath");
        assertThatThrownBy(() -> DirListing.parse(("[{\"md5\": 7, \"relpath\": \"a\"}]")
                .getBytes(StandardCharsets.US_ASCII), "l.dir"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[0].md5");
    }

    @Test
    public void shouldRefuseWhatIsNotOneJsonList() {
        for (String bad : new String[] {"{}", "\"x\"", "", "[{\"md5\": \"" + FOO + "\", \"relpath\": \"a\"}] []"}) {
            assertThatThrownBy(() -> DirListing.parse(bad.getBytes(StandardCharsets.US_ASCII), "l.dir"))
                    .as(bad).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("l.dir");
        }
    }

    @Test
    public void shouldNeverTakeTheKeysOfANestedValueForTheEntrys() {
        byte[] json = ("[{\"md5\": \"" + FOO + "\", \"relpath\": \"a\", \"size\": {\"relpath\": \"b\", \"md5\": \"" + BAR
                + "\"}}, {\"md5\": \"" + BAR + "\", \"relpath\": \"c\", \"size\": [{\"md5\": \"" + FOO + "\", \"relpath\": \"d\"}]}]")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(DirListing.parse(json, "x.dir").entries())
                .containsExactly(new DirEntry("a", FOO, -1), new DirEntry("c", BAR, -1));
    }

    @Test
    public void shouldNameTheFieldWhenARelpathIsAnObject() {
        byte[] json = ("[{\"relpath\": {\"relpath\": \"a\"}, \"md5\": \"" + FOO + "\"}]").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> DirListing.parse(json, "l.dir"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[0].relpath");
    }
}

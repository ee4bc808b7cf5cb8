package io.mlci.core.data.hash;

import io.mlci.core.InvalidInputException;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class RelativePathsTest {

    @Test
    public void shouldAcceptPathsThatStayInside() {
        for (String safe : new String[] {"a", "a/b.txt", "..a", "a..", "a/.../b", "a/./b", "x/..y/z", "C", "1:x", "dir/C:x"}) {
            assertThat(RelativePaths.problem(safe)).as(safe).isNull();
        }
    }

    @Test
    public void shouldRefuseEveryWayOut() {
        assertThat(RelativePaths.problem("")).isEqualTo("is empty");
        assertThat(RelativePaths.problem("a\0b")).isEqualTo("contains a NUL character");
        for (String absolute : new String[] {"/etc/passwd", "\\server\\share", "C:x", "z:\\windows", "C:"}) {
            assertThat(RelativePaths.problem(absolute)).as(absolute).startsWith("is absolute");
        }
        for (String escaping : new String[] {"..", "../x", "a/..", "a/../../b", "a\\..\\b", "..\\x", "a/b/.."}) {
            assertThat(RelativePaths.problem(escaping)).as(escaping).isEqualTo("escapes its directory through '..'");
        }
    }

    @Test
    public void shouldNameTheSourceAndFieldOfAnUnsafePath() {
        assertThatThrownBy(() -> RelativePaths.requireSafe("a/../../etc", "data.dir", "[3].relpath"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.dir").hasMessageContaining("[3].relpath").hasMessageContaining("a/../../etc");
    }
}

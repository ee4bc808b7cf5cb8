package io.mlci.core.data.hash;

import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class HashSpeedTest {

    @Test
    public void shouldMeasureMessageDigestAndTheVectorKernelWhenItIsAvailable() {
        HashKernel vector = HashKernel.choose(Map.of(HashKernel.ENV, "simd"));
        HashSpeed speed = HashSpeed.measure(vector, 0.2);
        // MD5 runs at some hundreds of MB/s per core on anything that runs this build
        assertThat(speed.messageDigest()).isBetween(20e6, 20e9);
        assertThat(speed.describe()).contains("MessageDigest").contains("GB/s per core");
        if (vector.simd()) {
            assertThat(speed.lanes()).isEqualTo(vector.lanes());
            assertThat(speed.kernel()).isPositive();
            assertThat(speed.warmupSeconds()).isNotNegative();
            assertThat(speed.describe()).contains(vector.lanes() + "-lane vector kernel");
        } else {
            assertThat(speed.lanes()).isZero();
            assertThat(speed.describe()).contains("no vector kernel");
        }
    }

    @Test
    public void shouldReportNoKernelOnTheScalarPath() {
        HashSpeed speed = HashSpeed.measure(HashKernel.choose(Map.of(HashKernel.ENV, "scalar")), 0.05);
        assertThat(speed.lanes()).isZero();
        assertThat(speed.describe()).endsWith("no vector kernel here");
    }
}

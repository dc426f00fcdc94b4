package io.gmnstream.operator.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void runsTheTasksAtOnceAndReturnsTheirResultsInOrder() throws Exception {
        // Each task waits for all three to have started: this only finishes if they run at the same time.
        CountDownLatch started = new CountDownLatch(3);
        Callable<String> a = meetThenReturn(started, "a");
        try (SideBySide sideBySide = new SideBySide(3, "test-worker")) {
            List<String> results = sideBySide.run(List.of(a, meetThenReturn(started, "b"), meetThenReturn(started, "c")));

            assertThat(results).containsExactly("a", "b", "c");
        }
    }

    @Test
    void waitsForEveryTaskBeforeRethrowingTheFirstFailure() {
        AtomicBoolean slowTaskFinished = new AtomicBoolean();
        Callable<String> fails = () -> {
            throw new IllegalArgumentException("part 0 is bad");
        };
        Callable<String> slow = () -> {
            Thread.sleep(200);
            slowTaskFinished.set(true);
            return "slow";
        };
        Callable<String> alsoFails = () -> {
            throw new IllegalStateException("part 2 is bad too");
        };
        try (SideBySide sideBySide = new SideBySide(3, "test-worker")) {
            assertThatThrownBy(() -> sideBySide.run(List.of(fails, slow, alsoFails)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("part 0 is bad")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(s).hasMessage("part 2 is bad too")));
            assertThat(slowTaskFinished).isTrue();
            assertThat(sideBySide.run(List.<Callable<String>>of(() -> "again"))).containsExactly("again");
        }
    }

    @Test
    void rethrowsAnErrorFromAHelperAsItIs() {
        Callable<String> fine = () -> "fine";
        Callable<String> outOfMemory = () -> {
            throw new OutOfMemoryError("native allocation failed");
        };
        try (SideBySide sideBySide = new SideBySide(2, "test-worker")) {
            assertThatThrownBy(() -> sideBySide.run(List.of(fine, outOfMemory)))
                    .isInstanceOf(OutOfMemoryError.class).hasMessage("native allocation failed");
        }
    }

    @Test
    void refusesMoreTasksThanItsWidth() {
        try (SideBySide sideBySide = new SideBySide(1, "test-worker")) {
            Callable<String> task = () -> "x";
            assertThatThrownBy(() -> sideBySide.run(List.of(task, task)))
                    .hasMessage("between 1 and 1 tasks, got 2");
        }
        assertThatThrownBy(() -> new SideBySide(0, "x")).hasMessage("width must be at least 1, got 0");
    }

    private static Callable<String> meetThenReturn(CountDownLatch started, String result) {
        return () -> {
            started.countDown();
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other tasks did not start alongside " + result);
            }
            return result;
        };
    }
}

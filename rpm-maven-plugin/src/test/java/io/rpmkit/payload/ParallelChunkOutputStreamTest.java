package io.rpmkit.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a build sees when a worker fails inside its chunk: the heap running out there (gzip's output
 * buffer, an encoder's tables) is an error that says what to do, like the writing thread's own chunk
 * allocation; any other failure keeps its cause; either way the stream stops and releases what it holds.
 */
class ParallelChunkOutputStreamTest {
    private static final int CHUNK = 1024;
    private static final String ADVICE = "give the JVM more heap (advice under test)";

    /** Copies each chunk as it is, but the worker of chunk {@code failing} throws. */
    private static final class FailingStream extends ParallelChunkOutputStream<byte[]> {
        private final long failing;
        private final Throwable failure;
        private final AtomicBoolean released = new AtomicBoolean();
        private long jobs;

        FailingStream(OutputStream out, long failing, Throwable failure) {
            super(out, CHUNK, 2, 4, "test-chunks", ADVICE);
            this.failing = failing;
            this.failure = failure;
        }

        @Override
        Callable<byte[]> job(byte[] input, boolean last) {
            boolean fails = jobs++ == failing;
            return () -> {
                if (fails) {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) failure;
                }
                return input.clone();
            };
        }

        @Override
        void writeResult(OutputStream target, byte[] result) throws IOException {
            target.write(result);
        }

        @Override
        void release() {
            released.set(true);
        }

        @Override
        void finishStream(OutputStream target) {
        }
    }

    static Stream<Arguments> failures() {
        // The first chunk, one while others are in flight, and the last one (submitted by close).
        return Stream.of(1, 3, 9).flatMap(chunks -> LongStream.of(0, chunks / 2, chunks - 1).distinct()
                .mapToObj(failing -> Arguments.of(chunks, failing)));
    }

    /**
     * Writes {@code chunks} chunks (the last one byte short, so that close submits it) while the worker
     * of chunk {@code failing} throws {@code thrown}; asserts what escapes and that the stream released
     * what it holds.
     */
    private static void assertEscapes(int chunks, long failing, Throwable thrown, String message) {
        FailingStream stream = new FailingStream(new ByteArrayOutputStream(), failing, thrown);
        IOException e = assertThrows(IOException.class, () -> {
            try (stream) {
                stream.write(new byte[chunks * CHUNK - 1]);
            }
        });
        assertEquals(message, e.getMessage());
        assertSame(thrown, e.getCause());
        assertTrue(stream.released.get(), "the stream released what it holds");
    }

    @ParameterizedTest(name = "{0} chunks, chunk {1} fails")
    @MethodSource("failures")
    void aWorkerWithoutHeapSaysWhatToDo(int chunks, long failing) {
        assertEscapes(chunks, failing, new OutOfMemoryError("Java heap space"),
                "the heap ran out while compressing a payload chunk: " + ADVICE);
    }

    @ParameterizedTest(name = "{0} chunks, chunk {1} fails")
    @MethodSource("failures")
    void otherFailuresKeepTheirCause(int chunks, long failing) {
        assertEscapes(chunks, failing, new IOException("the encoder refused"), "compressing failed: the encoder refused");
        // No heap advice for what is not the heap.
        assertEscapes(chunks, failing, new IllegalStateException("a bug"), "compressing failed");
    }
}
